# A caller with a wide operand stack (a 60-element tuple built after the
# call) around a callee that grows the heap right up to its own, smaller
# frame: on return the caller's operand area must not hold heap data.
# Small heaps (fresh processes) are where the two meet.
defmodule WideCaller do
  def build(0, acc), do: acc
  def build(n, acc), do: build(n - 1, [n | acc])

  def go(n) do
    l = build(n, [])
    a = length(l)
    t = {a + 0, a + 1, a + 2, a + 3, a + 4, a + 5, a + 6, a + 7, a + 8, a + 9, a + 10, a + 11, a + 12, a + 13, a + 14, a + 15, a + 16, a + 17, a + 18, a + 19, a + 20, a + 21, a + 22, a + 23, a + 24, a + 25, a + 26, a + 27, a + 28, a + 29, a + 30, a + 31, a + 32, a + 33, a + 34, a + 35, a + 36, a + 37, a + 38, a + 39, a + 40, a + 41, a + 42, a + 43, a + 44, a + 45, a + 46, a + 47, a + 48, a + 49, a + 50, a + 51, a + 52, a + 53, a + 54, a + 55, a + 56, a + 57, a + 58, a + 59}
    {Enum.sum(l), tuple_size(t), elem(t, 59) - a}
  end
end

parent = self()
results =
  for n <- 1..120 do
    spawn(fn -> send(parent, {n, WideCaller.go(n)}) end)
    receive do
      {^n, r} -> r
    end
  end
IO.inspect(Enum.all?(Enum.with_index(results, 1), fn {{s, 60, 59}, n} -> s == div(n * (n + 1), 2); _ -> false end))
IO.inspect(Enum.take(results, -2))
# expect: true
# expect: [{7140, 60, 59}, {7260, 60, 59}]
