# Stream: lazy, composable, and only as much of the source is pulled as
# the consumer needs.
s = Stream.map(1..3, fn x ->
  IO.puts("map #{x}")
  x * 2
end)
IO.puts("built")
IO.inspect(Enum.to_list(s))
IO.inspect(1..10 |> Stream.filter(&(rem(&1, 2) == 0)) |> Stream.map(&(&1 * &1)) |> Enum.take(3))
IO.inspect(Stream.iterate(1, &(&1 * 2)) |> Enum.take(8))
IO.inspect(Stream.unfold({0, 1}, fn {a, b} -> {a, {b, a + b}} end) |> Enum.take(10))
countdown = fn
  0 -> nil
  n -> {n, n - 1}
end
IO.inspect(Stream.unfold(3, countdown) |> Enum.to_list())
IO.inspect(Stream.cycle([:a, :b]) |> Enum.take(5))
IO.inspect(Stream.repeatedly(fn -> :x end) |> Enum.take(2))
IO.inspect(Stream.with_index([:a, :b, :c]) |> Enum.to_list())
IO.inspect(Stream.with_index([:a, :b], 10) |> Enum.to_list())
IO.inspect(Stream.take_while(1..100, &(&1 < 4)) |> Enum.to_list())
IO.inspect(Stream.drop_while(1..6, &(&1 < 4)) |> Enum.to_list())
IO.inspect(Stream.drop(1..6, 4) |> Enum.to_list())
IO.inspect(Stream.reject(1..6, &(rem(&1, 3) == 0)) |> Enum.to_list())
IO.inspect(Stream.chunk_every(1..7, 3) |> Enum.to_list())
IO.inspect(Stream.chunk_every(1..7, 3, 2, :discard) |> Enum.to_list())
IO.inspect(Stream.chunk_by([1, 1, 2, 3, 3, 3], & &1) |> Enum.to_list())
IO.inspect(Stream.dedup([1, 1, 2, 1, 1]) |> Enum.to_list())
IO.inspect(Stream.uniq([1, 2, 1, 3, 2]) |> Enum.to_list())
IO.inspect(Stream.scan(1..5, &+/2) |> Enum.to_list())
IO.inspect(Stream.concat([1..2, [3], Stream.map([4], &(&1 * 10))]) |> Enum.to_list())
IO.inspect(Stream.concat(1..2, 5..6) |> Enum.to_list())
IO.inspect(Stream.flat_map(1..3, &[&1, -&1]) |> Enum.take(4))
IO.inspect(Stream.zip([1, 2, 3], Stream.cycle([:x])) |> Enum.to_list())
IO.inspect(Enum.zip(Stream.iterate(0, &(&1 + 1)), [:a, :b, :c]))
IO.inspect(Stream.transform(1..10, 0, fn x, acc -> if acc >= 3, do: {:halt, acc}, else: {[x, x], acc + 1} end) |> Enum.to_list())
IO.inspect(Stream.intersperse([1, 2, 3], :sep) |> Enum.to_list())
IO.inspect(Stream.take_every(1..10, 4) |> Enum.to_list())
Stream.each([1, 2], &IO.puts("each #{&1}")) |> Stream.run()
IO.inspect(Stream.map(1..1_000_000, &(&1 * 3)) |> Stream.filter(&(rem(&1, 7) == 0)) |> Enum.take(3))
r =
  Stream.resource(
    fn ->
      IO.puts("open")
      1
    end,
    fn n -> if n > 3, do: {:halt, n}, else: {[n], n + 1} end,
    fn n -> IO.puts("close #{n}") end
  )
IO.inspect(Enum.to_list(r))
IO.inspect(Enum.take(r, 2))
IO.inspect(Stream.map([1, 2, 3], fn x ->
  IO.puts("pull #{x}")
  x
end) |> Stream.take(2) |> Enum.to_list())
IO.inspect(Enum.find(Stream.iterate(1, &(&1 + 1)), &(&1 * &1 > 50)))
IO.inspect(Stream.map(1..3, & &1) |> Enum.sum())
IO.inspect(Stream.flat_map([1, 2], fn x -> Stream.take(Stream.cycle([x]), 2) end) |> Enum.to_list())

# expect: built
# expect: map 1
# expect: map 2
# expect: map 3
# expect: [2, 4, 6]
# expect: [4, 16, 36]
# expect: [1, 2, 4, 8, 16, 32, 64, 128]
# expect: [0, 1, 1, 2, 3, 5, 8, 13, 21, 34]
# expect: [3, 2, 1]
# expect: [:a, :b, :a, :b, :a]
# expect: [:x, :x]
# expect: [a: 0, b: 1, c: 2]
# expect: [a: 10, b: 11]
# expect: [1, 2, 3]
# expect: [4, 5, 6]
# expect: [5, 6]
# expect: [1, 2, 4, 5]
# expect: [[1, 2, 3], [4, 5, 6], '\a']
# expect: [[1, 2, 3], [3, 4, 5], [5, 6, 7]]
# expect: [[1, 1], [2], [3, 3, 3]]
# expect: [1, 2, 1]
# expect: [1, 2, 3]
# expect: [1, 3, 6, 10, 15]
# expect: [1, 2, 3, 40]
# expect: [1, 2, 5, 6]
# expect: [1, -1, 2, -2]
# expect: [{1, :x}, {2, :x}, {3, :x}]
# expect: [{0, :a}, {1, :b}, {2, :c}]
# expect: [1, 1, 2, 2, 3, 3]
# expect: [1, :sep, 2, :sep, 3]
# expect: [1, 5, 9]
# expect: each 1
# expect: each 2
# expect: [21, 42, 63]
# expect: open
# expect: close 4
# expect: [1, 2, 3]
# expect: open
# expect: close 3
# expect: [1, 2]
# expect: pull 1
# expect: pull 2
# expect: [1, 2]
# expect: 8
# expect: 6
# expect: [1, 1, 2, 2]
