# defguard/defguardp serve in guards (local and imported) and in bodies;
# Kernel.is_map_key takes (map, key); Tuple functions fail as :erlang's.
defmodule Checks do
  defguard is_pos(x) when is_number(x) and x > 0
  defguardp is_small(x) when x < 10
  def small_pos?(x) when is_pos(x) and is_small(x), do: true
  def small_pos?(_), do: false
  def entity?(m) when is_map_key(m, :id), do: true
  def entity?(_), do: false
end

defmodule UsesChecks do
  import Checks
  def sign(x) when is_pos(x), do: :pos
  def sign(_), do: :not_pos
end

IO.inspect(Enum.map([1, 20, -1, :a], &Checks.small_pos?/1))
IO.inspect(Enum.map([3, -3, "3"], &UsesChecks.sign/1))
IO.inspect({Checks.entity?(%{id: 1}), Checks.entity?(%{}), Checks.entity?(:id)})
IO.inspect(is_map_key(%{a: 1}, :a))
for f <- [fn -> Tuple.to_list([1]) end, fn -> Tuple.insert_at({1}, :x, 0) end] do
  try do
    f.()
  rescue
    e -> IO.puts(inspect(e.__struct__) <> ": " <> Exception.message(e))
  end
end

# expect: [true, false, false, false]
# expect: [:pos, :not_pos, :not_pos]
# expect: {true, false, false}
# expect: true
# expect: ArgumentError: errors were found at the given arguments:
# expect:
# expect:   * 1st argument: not a tuple
# expect:
# expect: ArithmeticError: bad argument in arithmetic expression
