# Less common functions: slide, zip_reduce, Keyword.validate, edit scripts.
defmodule T do
  def err(f) do
    try do
      f.()
    rescue
      e -> {e.__struct__, Exception.message(e)}
    end
  end
end

l = [:a, :b, :c, :d, :e, :f, :g]
IO.inspect(Enum.slide(l, 5, 1))
IO.inspect(Enum.slide(l, 3..5, 1))
IO.inspect(Enum.slide(l, 1..3, 5))
IO.inspect(Enum.slide(l, -4..-2, 1))
IO.inspect(Enum.slide(l, 3, -1))
IO.inspect(T.err(fn -> Enum.slide(l, 1..3, 2) end))
IO.inspect(Enum.zip_reduce([1, 2], [3, 4], 0, fn x, y, acc -> x + y + acc end))
IO.inspect(Enum.zip_reduce([[1, 2], [3, 4], [5]], [], fn xs, acc -> [xs | acc] end))
IO.inspect(Keyword.validate([two: 3], [:one, two: 2, three: 3]))
IO.inspect(Keyword.validate([four: 4, one: 1, one: 2], [:one, two: 2]))
IO.inspect(Keyword.validate!([], [one: 1, two: 2]) |> Enum.sort())
IO.inspect(T.err(fn -> Keyword.validate!([three: 3], [:one, two: 2]) end))
IO.inspect(T.err(fn -> Keyword.validate!([one: 1, one: 1], [:one]) end))
IO.inspect(T.err(fn -> Keyword.merge([a: 1], [2, 3]) end))
IO.inspect({Keyword.equal?([a: 1.0], [a: 1]), Keyword.equal?([a: 1, b: 2], [b: 2, a: 1])})
IO.inspect({Keyword.from_keys([:a, :b], 0), Map.from_keys([:a, :b], 0), Keyword.replace_lazy([a: 1, a: 2], :a, &(&1 * 10))})
IO.inspect(List.keyfind!([a: 1], :a, 0))
IO.inspect(T.err(fn -> List.keyfind!([a: 1], :c, 0) end))
IO.inspect(List.myers_difference([1, 4, 2, 3], [1, 2, 3, 4]))
pair_diff = fn a, b -> if String.first(a) == String.first(b), do: {a, b}, else: nil end
IO.inspect(List.myers_difference(["a", "db", "c"], ["a", "dc", "x"], pair_diff))
IO.inspect(Enum.sort([3, 1, 2], &>=/2))
IO.inspect(Enum.min_max_by([3, 1, 2], &(-&1)))
IO.inspect({binary_slice("elixir", 1..3), binary_slice("elixir", -3, 10), binary_slice("elixir", 0..-1//2), binary_slice("elixir", 10..12)})
IO.inspect(T.err(fn -> binary_slice("elixir", 3..1//-1) end))
IO.inspect({is_struct(%{}), is_struct(1..2), is_struct(1..2, Range), is_exception(%RuntimeError{}), is_exception(%{}, RuntimeError)})
IO.inspect(String.splitter("a,b c,d", [",", " "]) |> Enum.take(3))
IO.inspect(String.splitter(",a,,b,", ",", trim: true) |> Enum.to_list())
IO.inspect(String.splitter("abc", "") |> Enum.to_list())

# expect: [:a, :f, :b, :c, :d, :e, :g]
# expect: [:a, :d, :e, :f, :b, :c, :g]
# expect: [:a, :e, :f, :b, :c, :d, :g]
# expect: [:a, :d, :e, :f, :b, :c, :g]
# expect: [:a, :b, :c, :e, :f, :g, :d]
# expect: {ArgumentError,
# expect:  "insertion index for slide must be outside the range being moved (tried to insert 1..3 at 2)"}
# expect: 10
# expect: [[1, 3, 5]]
# expect: {:ok, [three: 3, two: 3]}
# expect: {:error, [:one, :four]}
# expect: [one: 1, two: 2]
# expect: {ArgumentError,
# expect:  "unknown keys [:three] in [three: 3], the allowed keys are: [:one, :two]"}
# expect: {ArgumentError, "duplicate keys [:one] in [one: 1, one: 1]"}
# expect: {ArgumentError, "expected a keyword list as the second argument, got: [2, 3]"}
# expect: {false, true}
# expect: {[a: 0, b: 0], %{a: 0, b: 0}, [a: 10]}
# expect: {:a, 1}
# expect: {KeyError, "key :c at position 0 not found in: [a: 1]"}
# expect: [eq: [1], del: [4], eq: [2, 3], ins: [4]]
# expect: [eq: ["a"], diff: {"db", "dc"}, del: ["c"], ins: ["x"]]
# expect: [3, 2, 1]
# expect: {3, 1}
# expect: {"lix", "xir", "eii", ""}
# expect: {ArgumentError,
# expect:  "binary_slice/2 does not accept ranges with negative steps, got: 3..1//-1"}
# expect: {false, true, true, true, false}
# expect: ["a", "b", "c"]
# expect: ["a", "b"]
# expect: ["", "a", "b", "c", ""]
