# :io.format / :io_lib.format: control sequences, widths, pads and
# ~p's line filling, checked against Erlang/OTP 25.
:io.format("~w ~p ~s ~ts~n", ["b", "b", 'chars', "é"])
:io.format("~p ~w~n", [%{a: 1, k: "v"}, {:ok, [1 | 2]}])
:io.format("~p ~p ~p~n", [:"Elixir.Foo", :end, :"a b"])
:io.format("[~8s][~-8s][~3s]~n", ["ab", "cd", "truncated"])
:io.format("~5..0B ~.16B ~.2b ~3w|~n", [42, 255, 5, 12345])
:io.format("~.2f ~.3f ~e ~g ~.3g~n", [2.675, 2.0005, 12345.678, 0.5, 123.456])
:io.format("~c~5c~i~~~n", [?x, ?y, :skipped])
IO.puts(:io_lib.format("~p", [Enum.to_list(1..30)]))
IO.puts(:io_lib.format("~p", [[{:a, 1}, {:b, "two"}, {:c, [1, 2, 3]}, {:long_atom_here, :and_another_one}, {:d, "fills past eighty columns"}]]))
IO.puts(:io_lib.format("map: ~p", [%{alpha: Enum.to_list(1..20), beta: {:x, :y}, gamma: "a string long enough to wrap"}]))
IO.inspect(:io_lib.format("~w-~w", [1, :two]) |> List.flatten())
r = try do
  :io_lib.format("~d", [1])
rescue
  _ in ArgumentError -> :badarg
end
IO.inspect(r)
IO.puts(:erlang.float_to_binary(0.045, decimals: 2))
IO.puts(:erlang.float_to_binary(2.5, decimals: 0))
IO.puts(:erlang.float_to_binary(0.1, decimals: 20))

# expect: <<98>> <<"b">> chars é
# expect: #{a => 1,k => <<"v">>} {ok,[1|2]}
# expect: 'Elixir.Foo' 'end' 'a b'
# expect: [      ab][cd      ][tru]
# expect: 00042 FF 101 ***|
# expect: 2.67 2.001 1.23457e+4 0.500000 1.23e+2
# expect: xyyyyy~
# expect: [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,
# expect:  29,30]
# expect: [{a,1},
# expect:  {b,<<"two">>},
# expect:  {c,[1,2,3]},
# expect:  {long_atom_here,and_another_one},
# expect:  {d,<<"fills past eighty columns">>}]
# expect: map: #{alpha => [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20],
# expect:        beta => {x,y},
# expect:        gamma => <<"a string long enough to wrap">>}
# expect: '1-two'
# expect: :badarg
# expect: 0.05
# expect: 3
# expect: 0.10000000000000000555
