# Differential: term_to_binary writes the same bytes as OTP 25 for random
# terms (integers of every size, floats, atoms, binaries, bitstrings,
# lists, strings, improper lists, tuples, small and large maps).
import Bitwise
:rand.seed(:exsss, {3, 1, 4})
defmodule Gen do
  def term(0), do: leaf()
  def term(d) do
    case :rand.uniform(9) do
      1 -> Enum.map(1..:rand.uniform(4), fn _ -> term(d - 1) end)
      2 -> List.to_tuple(Enum.map(1..:rand.uniform(3), fn _ -> term(d - 1) end))
      3 -> Map.new(1..:rand.uniform(5), fn _ -> {leaf(), term(d - 1)} end)
      4 -> Map.new(1..(30 + :rand.uniform(10)), fn i -> {i * :rand.uniform(1000), term(0)} end)
      5 -> [term(d - 1) | leaf()]
      _ -> leaf()
    end
  end
  def leaf do
    case :rand.uniform(12) do
      1 -> :rand.uniform(255)
      2 -> :rand.uniform(1 <<< 31) - (1 <<< 30)
      3 -> (:rand.uniform(1 <<< 58) <<< :rand.uniform(200)) * (if :rand.uniform(2) == 1, do: -1, else: 1)
      4 -> :rand.uniform() * 1.0e10 - 5.0e9
      5 -> Enum.random([:ok, :error, :"é", :"日本", true, nil, :a_long_atom_name])
      6 -> :crypto_free_bytes |> then(fn _ -> for _ <- 1..:rand.uniform(20), into: "", do: <<:rand.uniform(256) - 1>> end)
      7 -> <<:rand.uniform(1000)::size(11)>>
      8 -> Enum.map(1..:rand.uniform(10), fn _ -> :rand.uniform(255) end)
      9 -> Enum.map(1..:rand.uniform(5), fn _ -> :rand.uniform(2000) end)
      10 -> []
      11 -> "text #{:rand.uniform(99)}"
      _ -> -:rand.uniform(1 <<< 40)
    end
  end
end
Enum.each(1..150, fn i ->
  t = Gen.term(3)
  b = :erlang.term_to_binary(t)
  IO.puts("#{i} #{byte_size(b)} #{for <<x <- b>>, reduce: 0, do: (acc -> rem(acc * 31 + x, 1_000_000_007))} #{:erlang.binary_to_term(b) === t}")
end)
# expect: 1 573 112475289 true
# expect: 2 898 888649796 true
# expect: 3 728 250239960 true
# expect: 4 9 196457786 true
# expect: 5 709 189385817 true
# expect: 6 561 622795100 true
# expect: 7 109 566156197 true
# expect: 8 26 523442734 true
# expect: 9 16 858634558 true
# expect: 10 47 324089282 true
# expect: 11 71 850570464 true
# expect: 12 551 826408465 true
# expect: 13 13 578714408 true
# expect: 14 8 910053919 true
# expect: 15 705 160094621 true
# expect: 16 491 383529893 true
# expect: 17 24 348821873 true
# expect: 18 44 332219849 true
# expect: 19 566 730827067 true
# expect: 20 28 188293936 true
# expect: 21 459 791663986 true
# expect: 22 13 879288647 true
# expect: 23 24 737166613 true
# expect: 24 505 693133048 true
# expect: 25 13 879288641 true
# expect: 26 58 95195853 true
# expect: 27 109 97648724 true
# expect: 28 9 633425040 true
# expect: 29 552 402072881 true
# expect: 30 60 241064009 true
# expect: 31 48 537399432 true
# expect: 32 3 129111 true
# expect: 33 16 510114271 true
# expect: 34 8 126222161 true
# expect: 35 912 318349164 true
# expect: 36 557 298890324 true
# expect: 37 10 159099992 true
# expect: 38 3 128979 true
# expect: 39 9 196457136 true
# expect: 40 19 467474818 true
# expect: 41 1272 99115780 true
# expect: 42 13 879288616 true
# expect: 43 597 444635727 true
# expect: 44 434 818721915 true
# expect: 45 436 590218371 true
# expect: 46 453 633029192 true
# expect: 47 108 545881571 true
# expect: 48 6 842776330 true
# expect: 49 76 560422457 true
# expect: 50 27 969669918 true
# expect: 51 1676 989343489 true
# expect: 52 579 606028896 true
# expect: 53 694 89527423 true
# expect: 54 13 879288431 true
# expect: 55 21 79140640 true
# expect: 56 495 91494216 true
# expect: 57 515 201220765 true
# expect: 58 1257 740725821 true
# expect: 59 19 239731030 true
# expect: 60 859 763176208 true
# expect: 61 3 129002 true
# expect: 62 6 847895624 true
# expect: 63 10 328862640 true
# expect: 64 15 36081743 true
# expect: 65 31 66888829 true
# expect: 66 111 114409354 true
# expect: 67 9 196459460 true
# expect: 68 576 454230384 true
# expect: 69 551 64681568 true
# expect: 70 9 196457509 true
# expect: 71 74 453293482 true
# expect: 72 9 226445170 true
# expect: 73 191 158483740 true
# expect: 74 802 481509702 true
# expect: 75 6 842162210 true
# expect: 76 574 175402028 true
# expect: 77 10 511630393 true
# expect: 78 9 196458255 true
# expect: 79 22 716002613 true
# expect: 80 13 879288586 true
# expect: 81 7 383559009 true
# expect: 82 625 787088990 true
# expect: 83 13 879288523 true
# expect: 84 131 707313472 true
# expect: 85 572 350775895 true
# expect: 86 139 366114406 true
# expect: 87 490 988919888 true
# expect: 88 578 528651550 true
# expect: 89 37 73436848 true
# expect: 90 630 305767455 true
# expect: 91 89 488176919 true
# expect: 92 9 797530966 true
# expect: 93 59 839470282 true
# expect: 94 3 129104 true
# expect: 95 103 800387203 true
# expect: 96 6 848544469 true
# expect: 97 76 431004073 true
# expect: 98 612 234971606 true
# expect: 99 30 247000662 true
# expect: 100 98 404707432 true
# expect: 101 17 388719635 true
# expect: 102 582 206587548 true
# expect: 103 5 124083644 true
# expect: 104 19 626844669 true
# expect: 105 16 765251083 true
# expect: 106 9 196457076 true
# expect: 107 5 123960615 true
# expect: 108 9 593828074 true
# expect: 109 3 129022 true
# expect: 110 2 4167 true
# expect: 111 2 4167 true
# expect: 112 486 59323808 true
# expect: 113 2 4167 true
# expect: 114 108 997351270 true
# expect: 115 9 196456949 true
# expect: 116 9 196460668 true
# expect: 117 506 879099685 true
# expect: 118 71 203186847 true
# expect: 119 615 609722229 true
# expect: 120 10 424301806 true
# expect: 121 35 164863132 true
# expect: 122 35 166846279 true
# expect: 123 10 480280783 true
# expect: 124 106 669615259 true
# expect: 125 10 471606094 true
# expect: 126 9 196459244 true
# expect: 127 9 798471520 true
# expect: 128 9 196457693 true
# expect: 129 17 795063271 true
# expect: 130 8 572068431 true
# expect: 131 20 120631469 true
# expect: 132 227 419516863 true
# expect: 133 8 2824542 true
# expect: 134 55 750668906 true
# expect: 135 9 226445170 true
# expect: 136 9 816295301 true
# expect: 137 1147 273201293 true
# expect: 138 15 360339224 true
# expect: 139 25 891449878 true
# expect: 140 607 151911040 true
# expect: 141 434 708847600 true
# expect: 142 519 313324143 true
# expect: 143 39 275469234 true
# expect: 144 6 841449363 true
# expect: 145 154 185863949 true
# expect: 146 13 879288521 true
# expect: 147 12 372642222 true
# expect: 148 36 779796041 true
# expect: 149 564 503739320 true
# expect: 150 1151 277071697 true
