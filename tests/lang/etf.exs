# :erlang.term_to_binary/binary_to_term: OTP 25's bytes, and round trips.
import Bitwise
t2b = &:erlang.term_to_binary/1
IO.inspect(t2b.(1))
IO.inspect(t2b.(-1))
IO.inspect(t2b.(2147483648))
IO.inspect(t2b.(-(1 <<< 64)))
IO.inspect(t2b.(1.5))
IO.inspect(t2b.(:abc))
IO.inspect(t2b.(:"é"))
IO.inspect(t2b.(:"日本"))
IO.inspect(:erlang.term_to_binary(:abc, minor_version: 2))
IO.inspect(:erlang.term_to_binary(0.1, minor_version: 0))
IO.inspect(t2b.("abc"))
IO.inspect(t2b.(<<1::3>>))
IO.inspect(t2b.([1, 2, 3]))
IO.inspect(t2b.([1, 2 | 3]))
IO.inspect(t2b.([1000, "x"]))
IO.inspect(t2b.({1, :a, {}}))
IO.inspect(t2b.(%{a: 1, b: [2]}))
IO.inspect(t2b.(Map.new(1..33, &{&1, 0})) |> byte_size)
IO.inspect(t2b.(&Enum.map/2))
IO.inspect(:erlang.external_size({1, 2}))
terms = [0, 255, 256, -256, (1 <<< 59) + 1, -(1 <<< 100), 1 <<< 2100, 3.25, -0.0, 1.0e300,
         :ok, :"a b", true, "", "héllo", <<5::7>>, [], 'abc', [[], [[]]], [1 | :t],
         {}, {1, {2, {3}}}, %{}, %{"k" => %{1 => 2}}, Map.new(1..100, &{&1, -&1}),
         self(), make_ref(), &Kernel.+/2, Enum.to_list(1..300), String.duplicate("z", 70000)]
for t <- terms do
  b = t2b.(t)
  back = :erlang.binary_to_term(b)
  label = if is_pid(t) or is_reference(t) or is_function(t), do: "special", else: inspect(t, limit: 3)
  IO.puts("#{label} #{back === t} #{:erlang.binary_to_term(b <> <<9, 9>>, [:used]) |> elem(1) == byte_size(b)}")
end
sub = binary_part("xhello world", 1, 5)
IO.inspect(t2b.(sub) == t2b.("hello"))
deep = Enum.reduce(1..100_000, [], fn _, acc -> [acc] end)
IO.inspect(:erlang.binary_to_term(t2b.(deep)) == deep)
IO.inspect(:erlang.binary_to_term(<<131, 100, 0, 3, 97, 98, 99>>))
IO.inspect(:erlang.binary_to_term(<<131, 107, 0, 2, 104, 105>>))
IO.inspect(:erlang.binary_to_term(<<131, 99, "1.50000000000000000000e+00", 0, 0, 0, 0, 0>>))
IO.inspect(:erlang.binary_to_term(<<131, 116, 0, 0, 0, 2, 97, 2, 97, 0, 97, 1, 97, 0>>))
for bad <- [<<>>, <<131>>, <<130, 97, 1>>, <<131, 1>>, <<131, 108, 255, 255, 255, 255, 106>>,
            <<131, 109, 0, 0, 0, 9, 1>>, <<131, 104, 3, 97, 1>>, <<131, 70, 127, 240, 0, 0, 0, 0, 0, 0>>,
            <<131, 116, 127, 0, 0, 0>>, <<131, 119, 2, 255, 255>>,
            <<131, 116, 0, 0, 0, 2, 97, 1, 97, 1, 97, 1, 97, 2>>] do
  try do
    :erlang.binary_to_term(bad)
    IO.puts("accepted #{inspect(bad)}")
  rescue
    e in ArgumentError -> IO.puts(Exception.message(e) |> String.split("\n") |> Enum.at(2))
  end
end
try do :erlang.binary_to_term(<<131, 100, 0, 6, "nosuch">>, [:safe]) rescue e -> IO.inspect(e) end
try do :erlang.binary_to_term(:x) rescue e -> IO.inspect(e) end
try do :erlang.binary_to_term(<<131, 106>>, [:bogus]) rescue e -> IO.inspect(e) end
try do :erlang.term_to_binary(1, [:bogus]) rescue e -> IO.inspect(e) end
try do :erlang.term_to_binary(1, [{:minor_version, 3}]) rescue e -> IO.inspect(e) end
# expect: <<131, 97, 1>>
# expect: <<131, 98, 255, 255, 255, 255>>
# expect: <<131, 110, 4, 0, 0, 0, 0, 128>>
# expect: <<131, 110, 9, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1>>
# expect: <<131, 70, 63, 248, 0, 0, 0, 0, 0, 0>>
# expect: <<131, 100, 0, 3, 97, 98, 99>>
# expect: <<131, 100, 0, 1, 233>>
# expect: <<131, 119, 6, 230, 151, 165, 230, 156, 172>>
# expect: <<131, 119, 3, 97, 98, 99>>
# expect: <<131, 99, 49, 46, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48, 48,
# expect:   48, 53, 53, 53, 49, 101, 45, 48, 49, 0, 0, 0, 0, 0>>
# expect: <<131, 109, 0, 0, 0, 3, 97, 98, 99>>
# expect: <<131, 77, 0, 0, 0, 1, 3, 32>>
# expect: <<131, 107, 0, 3, 1, 2, 3>>
# expect: <<131, 108, 0, 0, 0, 2, 97, 1, 97, 2, 97, 3>>
# expect: <<131, 108, 0, 0, 0, 2, 98, 0, 0, 3, 232, 109, 0, 0, 0, 1, 120, 106>>
# expect: <<131, 104, 3, 97, 1, 100, 0, 1, 97, 104, 0>>
# expect: <<131, 116, 0, 0, 0, 2, 100, 0, 1, 97, 97, 1, 100, 0, 1, 98, 107, 0, 1, 2>>
# expect: 138
# expect: <<131, 113, 100, 0, 11, 69, 108, 105, 120, 105, 114, 46, 69, 110, 117, 109, 100,
# expect:   0, 3, 109, 97, 112, 97, 2>>
# expect: 7
# expect: 0 true true
# expect: 255 true true
# expect: 256 true true
# expect: -256 true true
# expect: 576460752303423489 true true
# expect: -1267650600228229401496703205376 true true
# expect: 145542856500486309361890238449330649728809442059217056345945587654749356876225241259209611218744456911185381599558875746375475103914048669297745718921773427823433158419120765536610198213840157598554853892256499754024901966411683189991501042476088459679727981986945418043202748661248211748339825091903351744676279304293991165443043691726770700206972879550908196640425338921571293316568559870845121133328067132170701239967995835212682384168881471395081720829376174989450825971966494657064899340276140769794081777796371143547287807483740385375334659668424882133140661394443058747655483603144141890006567217223554270198636103730385125376 true true
# expect: 3.25 true true
# expect: -0.0 true true
# expect: 1.0e300 true true
# expect: :ok true true
# expect: :"a b" true true
# expect: true true true
# expect: "" true true
# expect: "héllo" true true
# expect: <<5::size(7)>> true true
# expect: [] true true
# expect: 'abc' true true
# expect: [[], [[]]] true true
# expect: [1 | :t] true true
# expect: {} true true
# expect: {1, {2, ...}} true true
# expect: %{} true true
# expect: %{"k" => %{1 => 2}} true true
# expect: %{33 => -33, 12 => -12, 73 => -73, ...} true true
# expect: special true true
# expect: special true true
# expect: special true true
# expect: [1, 2, 3, ...] true true
# expect: "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz" <> ... true true
# expect: true
# expect: true
# expect: :abc
# expect: 'hi'
# expect: 1.5
# expect: %{1 => 0, 2 => 0}
# expect:   * 1st argument: invalid external representation of a term
# expect:   * 1st argument: invalid external representation of a term
# expect:   * 1st argument: invalid external representation of a term
# expect:   * 1st argument: invalid external representation of a term
# expect:   * 1st argument: invalid external representation of a term
# expect:   * 1st argument: invalid external representation of a term
# expect:   * 1st argument: invalid external representation of a term
# expect:   * 1st argument: invalid external representation of a term
# expect:   * 1st argument: invalid external representation of a term
# expect:   * 1st argument: invalid external representation of a term
# expect:   * 1st argument: invalid external representation of a term
# expect: %ArgumentError{
# expect:   message: "errors were found at the given arguments:\n\n  * 1st argument: invalid or unsafe external representation of a term\n"
# expect: }
# expect: %ArgumentError{
# expect:   message: "errors were found at the given arguments:\n\n  * 1st argument: not a binary\n"
# expect: }
# expect: %ArgumentError{
# expect:   message: "errors were found at the given arguments:\n\n  * 2nd argument: invalid option in list\n"
# expect: }
# expect: %ArgumentError{
# expect:   message: "errors were found at the given arguments:\n\n  * 2nd argument: invalid option in list\n"
# expect: }
# expect: %ArgumentError{
# expect:   message: "errors were found at the given arguments:\n\n  * 2nd argument: invalid option in list\n"
# expect: }
