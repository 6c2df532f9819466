import Bitwise
# Mutated and truncated encodings decode or raise ArgumentError, never crash.
:rand.seed(:exsss, {1, 2, 3})
seeds = [1, -5, 1 <<< 70, 2.5, :abc, "bin", <<1::5>>, [1, [2], {3}], {1, %{a: [1]}}, Map.new(1..40, &{&1, "v"}), 'xyz']
n = Enum.reduce(1..3000, 0, fn i, acc ->
  b = :erlang.term_to_binary(Enum.at(seeds, rem(i, length(seeds))))
  pos = :rand.uniform(byte_size(b)) - 1
  <<pre::binary-size(pos), _, post::binary>> = b
  mutated = pre <> <<:rand.uniform(256) - 1>> <> post
  cut = binary_part(mutated, 0, :rand.uniform(byte_size(mutated)))
  Enum.reduce([mutated, cut], acc, fn x, a ->
    try do
      :erlang.binary_to_term(x); a + 1
    rescue
      ArgumentError -> a
    end
  end)
end)
IO.puts("decoded #{n > 0}")
# Nested list headers that each claim every byte left: refused at once,
# not one allocation per header as large as the whole input.
n = 20_000
lying = for i <- 0..(n - 1), into: <<131>>, do: <<108, (5 * (n - i) - 5)::32>>
try do
  :erlang.binary_to_term(lying <> <<106>>)
rescue
  e in ArgumentError -> IO.puts(Exception.message(e) |> String.split("\n") |> Enum.at(2))
end
# expect: decoded true
# expect:   * 1st argument: invalid external representation of a term
