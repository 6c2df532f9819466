# Tail calls run in constant space; deep body recursion works too.
defmodule Loop do
  def count(0, acc), do: acc
  def count(n, acc), do: count(n - 1, acc + 1)
  def server(n) do
    receive do
      {:get, from} -> send(from, n); server(n)
      :inc -> server(n + 1)
      :stop -> :done
    end
  end
  def depth(0), do: 0
  def depth(n), do: 1 + depth(n - 1)
end
IO.inspect(Loop.count(5_000_000, 0))
IO.inspect(Loop.depth(200_000))
s = spawn(fn -> Loop.server(0) end)
for _ <- 1..10_000, do: send(s, :inc)
send(s, {:get, self()})
receive do
  n -> IO.inspect(n)
end
# expect: 5000000
# expect: 200000
# expect: 10000
