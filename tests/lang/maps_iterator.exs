# :maps.iterator/1 and :maps.next/1: OTP 25's fold order, small maps and large.
i = :maps.iterator(%{a: 1, b: 2})
IO.inspect(i)
IO.inspect(:maps.next(i))
{_, _, i2} = :maps.next(i)
IO.inspect(:maps.next(i2) |> elem(2) |> :maps.next)
IO.inspect(:maps.iterator(Map.new(1..40, &{&1, &1})) |> :maps.next |> Tuple.delete_at(2))
walk = fn walk, it, acc ->
  case :maps.next(it) do
    :none -> Enum.reverse(acc)
    {k, _v, next} -> walk.(walk, next, [k | acc])
  end
end
IO.inspect(walk.(walk, :maps.iterator(Map.new(1..40, &{&1, &1})), []), limit: :infinity, width: 200)
IO.inspect(walk.(walk, :maps.iterator(%{}), []))
try do :maps.next(:bad) rescue e -> IO.inspect(e) end
try do :maps.iterator(:bad) rescue e -> IO.inspect(e) end
# expect: [0 | %{a: 1, b: 2}]
# expect: {:a, 1, {:b, 2, :none}}
# expect: :none
# expect: {16, 16}
# expect: [16, 18, 5, 19, 27, 35, 10, 24, 36, 4, 21, 22, 17, 3, 8, 1, 7, 2, 14, 15, 20, 40, 13, 38, 6, 28, 25, 34, 32, 9, 37, 11, 31, 26, 39, 30, 29, 23, 12, 33]
# expect: []
# expect: %ArgumentError{
# expect:   message: "errors were found at the given arguments:\n\n  * 1st argument: not a valid iterator\n"
# expect: }
# expect: %BadMapError{term: :bad}
