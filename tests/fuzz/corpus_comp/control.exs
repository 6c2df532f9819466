# case/cond/if/unless/with/for and guards.
f = fn
  x when is_integer(x) and x > 0 -> :pos
  0 -> :zero
  _ -> :other
end
IO.inspect(Enum.map([1, 0, -1, :a], f))
r = case {1, 2} do
  {a, b} when a > b -> :gt
  {_, _} -> :le
end
IO.inspect(r)
IO.inspect(cond do
  1 > 2 -> :no
  true -> :yes
end)
IO.inspect(if nil, do: 1, else: 2)
IO.inspect(unless false, do: :ran)
IO.inspect(with {:ok, a} <- {:ok, 1}, {:ok, b} <- {:ok, a + 1}, do: a + b)
IO.inspect(with {:ok, _} <- {:error, :why} do
  :never
else
  {:error, e} -> e
end)
IO.inspect(for x <- [1, 2, 3], y <- [10, 20], x != 2, do: x * y)
IO.inspect(for {k, v} <- %{a: 1, b: 2}, into: %{}, do: {v, k})
IO.inspect(for <<c <- "abc">>, do: c)
IO.inspect(for x <- 1..4, reduce: 0 do
  acc -> acc + x
end)
# expect: [:pos, :zero, :other, :other]
# expect: :le
# expect: :yes
# expect: 2
# expect: :ran
# expect: 3
# expect: :why
# expect: [10, 20, 30, 60]
# expect: %{1 => :a, 2 => :b}
# expect: 'abc'
# expect: 10
