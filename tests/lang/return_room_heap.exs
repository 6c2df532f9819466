# A callee with a small frame can fill the heap up to its own stack
# limit, which lies above its caller's when the caller still had operand
# room left; back in the caller (a return or a catch) the heap must not
# overlap the caller's pushes (it segfaulted or built cyclic lists).
# Expected output from Elixir 1.14.
defmodule Room do
  def d(), do: String.split(String.duplicate("ab,", 3000), ",")
  def c(x), do: {d(), x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x}
  def r() do
    l = String.split(String.duplicate("cd,", 3000), ",")
    raise ArgumentError, "#{length(l)}"
  end
  def k(x) do
    try do
      r()
    rescue
      e -> {e.message, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x}
    end
  end
end
t = Room.c(7)
IO.inspect(length(elem(t, 0)))
IO.inspect(t |> Tuple.to_list() |> tl() |> Enum.sum())
u = Room.k(5)
IO.inspect(elem(u, 0))
IO.inspect(u |> Tuple.to_list() |> tl() |> Enum.sum())
# expect: 3001
# expect: 140
# expect: "3001"
# expect: 100
