# More :erlang.phash2 values against OTP 25: non-byte lists, improper lists,
# nested maps, large HAMT maps, multi-limb bignums, unaligned bitstrings.
terms = [[1000, 2000], [1, 2, 1000, 3, 4, 5, 6, 7], 'hello world', [?a | "b"], [[1, 2] | [3]], %{a: %{b: [1, {2}]}},
 {:ok, %{"k" => <<1, 2, 3>>}}, List.duplicate(:x, 50), Enum.to_list(1..300), -0.5, 1.0e-300, 123.456,
 String.duplicate("ab", 100), <<0::1>>, <<>>, :"", :"a b", :"ÿ", 2 ** 64, -(2 ** 64), 2 ** 200 + 7, -(2 ** 127),
 134217727, -134217728, 2 ** 31, -(2 ** 31), 2 ** 32 - 1, {{}, {{}}}, Map.new(1..100, &{&1, [&1]}), &IO.puts/1,
 &:erlang.phash2/2, [%{a: 1} | :tail], true, false]
for t <- terms do
  IO.puts "#{:erlang.phash2(t)} #{:erlang.phash2(t, 1000)} #{:erlang.phash2(t, 4294967296)}"
end
b = :binary.copy(<<1, 2, 3, 250>>, 20)
for k <- 1..7 do
  <<_::size(k), s::bitstring>> = b
  <<_::size(k), t::binary-size(25), _::bitstring>> = b
  IO.puts "#{:erlang.phash2(s)} #{:erlang.phash2(t)}"
end

# expect: 25762065 801 1636374801
# expect: 116556390 390 116556390
# expect: 124727853 141 2943300141
# expect: 18778574 222 2166262222
# expect: 67352312 600 2885924600
# expect: 91121258 274 3043911274
# expect: 26725515 83 4187475083
# expect: 4800896 912 2957590912
# expect: 17099521 633 3909413633
# expect: 81585777 689 618456689
# expect: 15324994 650 3639203650
# expect: 94822904 272 900129272
# expect: 121188591 871 1463365871
# expect: 77524856 408 1285484408
# expect: 13708901 629 147926629
# expect: 0 0 0
# expect: 25442 442 25442
# expect: 255 255 255
# expect: 103122609 713 2519041713
# expect: 13457787 619 2563594619
# expect: 30703716 828 3923017828
# expect: 115786186 914 250003914
# expect: 112602999 567 4273352567
# expect: 69672967 335 874979335
# expect: 14246037 325 2832818325
# expect: 62030289 25 1672643025
# expect: 95053261 181 2108319181
# expect: 123353064 72 1599748072
# expect: 1661040 240 3357104240
# expect: 20497695 895 3375940895
# expect: 75524189 757 4236273757
# expect: 92941820 292 3314167292
# expect: 506293 293 506293
# expect: 7111573 573 7111573
# expect: 51192307 132129807
# expect: 84585968 99948475
# expect: 10696707 113565098
# expect: 7107590 33274231
# expect: 117762457 87022750
# expect: 62419100 19326680
# expect: 108418633 83100357
