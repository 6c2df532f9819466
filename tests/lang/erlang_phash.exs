# :erlang.phash/2 (OTP's old make_hash, in the language) equals OTP 25's for
# atoms (Latin-1 ones too), integers of every size, floats, binaries,
# bitstrings, tuples, lists (bytes and others), improper lists and maps;
# a bad range raises ArgumentError as erts words it.
import Bitwise
terms = [:a, :b, :foo, :hello_world_long_atom_name, :"élan", [], 0, 1, -1, 255, 256, 65536, 1 <<< 32, -(1 <<< 40), (1 <<< 59) - 1, -(1 <<< 59), 1 <<< 60, (1 <<< 64) - 1, 1 <<< 64, -(1 <<< 70), 1 <<< 100, 12345678901234567890123,
  1.0, 0.0, -0.0, 3.14, -2.5e100, "x", "", "hello", "héllo", <<1::3>>, <<255, 7::5>>, {}, {1}, {1, :a, "b"}, [1], [1, 2, 3], [1 | 2], ~c"abc", [[1], {2}], {[], [[]]}, %{}, %{a: 1}, [1, :a, 2 | 3], [300, 1], [-1, 2], %{{1} => [2]}, [%{}], 1.0e-300, true, nil]
IO.puts(Enum.join(for(t <- terms, r <- [1, 16, 32, 4294967296], do: :erlang.phash(t, r)), " "))
IO.inspect(:erlang.phash({:a, "b", [1]}, 1000))
IO.inspect(:erlang.phash(:x, 4294967296))
try do :erlang.phash(1, 0) rescue e -> IO.inspect(e) end
try do :erlang.phash(1, :a) rescue e -> IO.inspect(e) end
# expect: 1 2 2 98 1 3 3 99 1 16 32 28000 1 6 6 113035782 1 15 31 983679 1 2 2 2 1 1 1 1 1 12 28 2788898428 1 6 22 1680185270 1 6 6 2499495046 1 4 20 1920229268 1 12 12 3221236588 1 12 28 2788898428 1 14 30 3765867550 1 1 1 3114282913 1 9 9 2147489129 1 1 17 49 1 9 9 966800009 1 12 28 2788898428 1 1 1 157674817 1 1 17 1672701873 1 8 8 1139946088 1 1 1 1072693249 1 1 1 1 1 1 1 1 1 8 8 300063656 1 5 5 3124701253 1 10 26 2147565850 1 1 1 1 1 12 28 476327964 1 16 32 2497728352 1 9 9 1345689961 1 7 7 3633414023 1 1 1 1 1 11 11 381724171 1 7 23 3431068631 1 13 29 2952798237 1 6 6 3336869158 1 16 16 2402949552 1 6 6 3654580166 1 3 3 493126371 1 12 12 1453605548 1 1 1 1113425985 1 2 2 1670235874 1 6 22 2369487094 1 8 8 1560565384 1 3 3 3285851587 1 15 31 3713568447 1 8 8 1181889864 1 7 7 3277692231 1 6 22 506294 1 13 29 29949
# expect: 854
# expect: 121
# expect: %ArgumentError{
# expect:   message: "errors were found at the given arguments:\n\n  * 1st argument: out of range\n"
# expect: }
# expect: %ArgumentError{
# expect:   message: "errors were found at the given arguments:\n\n  * 1st argument: not an integer\n"
# expect: }
