# -0.0 and 0.0 as on OTP 25 (mote's outputs are checked against it; OTP 27
# changed this): == and ===, one map key, a 0.0 pattern matches -0.0, uniq,
# usort, sort stability, phash2, abs(-0.0) is -0.0. The zeros come from
# function calls so that elixir's compiler cannot fold them into literals.
defmodule Z do
  def z, do: String.to_float("-0.0")
  def p, do: String.to_float("0.0")
end
IO.inspect Z.z()
IO.inspect {Z.p() == Z.z(), Z.p() === Z.z(), Z.z() === Z.p(), Z.p() != Z.z(), Z.p() !== Z.z(), Z.p() < Z.z(), Z.z() < Z.p(), Z.p() >= Z.z()}
IO.inspect %{0.0 => 1, -0.0 => 2}
IO.inspect Map.get(%{0.0 => 1}, Z.z())
IO.inspect map_size(Map.put(%{0.0 => 1}, Z.z(), 2))
IO.inspect match?(0.0, Z.z())
IO.inspect match?(-0.0, Z.p())
IO.inspect Enum.uniq([Z.p(), Z.z(), 0, Z.p()])
IO.inspect Enum.uniq([Z.z(), 0.0])
IO.inspect Enum.sort([Z.p(), Z.z(), 0, Z.z(), Z.p()])
IO.inspect Enum.sort([Z.z(), Z.p()])
IO.inspect Enum.sort([Z.p(), Z.z()], :desc)
IO.inspect :lists.usort([Z.p(), Z.z()])
IO.inspect :lists.usort([Z.z(), Z.p()])
IO.inspect MapSet.new([Z.p(), Z.z()]) |> MapSet.size()
IO.inspect Enum.dedup([Z.p(), Z.z()])
IO.inspect {Z.p() * -1, -1 * Z.p(), Z.p() / -1.0, Z.z() + Z.p(), abs(Z.z())}
r = case Z.z() do
  0.0 -> :pos_zero
  _ -> :other
end
IO.inspect r
r2 = case Z.p() do
  -0.0 -> :neg_zero
  _ -> :other
end
IO.inspect r2
IO.inspect {Z.z()} == {Z.p()}
IO.inspect [Z.z()] === [Z.p()]
IO.inspect %{a: Z.z()} === %{a: Z.p()}
IO.inspect :erlang.phash2(Z.z()) == :erlang.phash2(Z.p())
IO.inspect Enum.frequencies([Z.z(), Z.p()])
IO.inspect Enum.member?([Z.p()], Z.z())
IO.inspect Z.z() in [Z.p()]
IO.inspect Map.keys(%{Z.z() => 1})
IO.inspect :erlang.term_to_binary(Z.z()) == :erlang.term_to_binary(Z.p())
IO.inspect Float.to_string(Z.z())
IO.inspect "#{Z.z()}"
IO.inspect Enum.max([Z.z(), Z.p()])
IO.inspect Enum.min([Z.p(), Z.z()])
IO.inspect max(Z.z(), Z.p())
IO.inspect min(Z.p(), Z.z())
IO.inspect :lists.sort([{1, Z.z()}, {1, Z.p()}])
IO.inspect Enum.uniq_by([Z.z(), Z.p()], & &1)
IO.inspect Keyword.get([a: 1], :a) 
IO.inspect List.keyfind([{Z.z(), 1}], 0.0, 0)
IO.inspect Enum.group_by([Z.z(), Z.p()], & &1)
IO.inspect :ets.new(:t, []) |> then(fn t -> :ets.insert(t, {Z.z(), 1}); :ets.lookup(t, 0.0) end)
IO.inspect Map.equal?(%{Z.z() => 1}, %{Z.p() => 1})
IO.inspect <<Z.z()::float>> == <<Z.p()::float>>
IO.inspect 0.0 === -0.0
IO.inspect -0.0 == 0
IO.inspect -0.0 === 0
IO.inspect Enum.sort([1, 1.0], :desc)
IO.inspect Enum.sort([1.0, 1], :desc)
IO.inspect Enum.min([1.0, 1])
IO.inspect Enum.max([1.0, 1])
IO.inspect Enum.sort([Z.p(), Z.z()], :asc)
IO.inspect Enum.sort([Z.z(), Z.p()], :desc)
IO.inspect :lists.usort([Z.p(), Z.z(), 1, Z.z()])
IO.inspect Enum.uniq([Z.z(), Z.p(), Z.z()])
IO.inspect %{Z.p() => 1, Z.z() => 2}
IO.inspect %{Z.z() => 1, Z.p() => 2}
IO.inspect Map.merge(%{Z.p() => 1}, %{Z.z() => 2})
IO.inspect {Z.p() === Z.z(), [Z.p()] == [Z.z()], {Z.z()} === {Z.p()}}

# expect: -0.0
# expect: {true, true, true, false, false, false, false, true}
# expect: %{0.0 => 2}
# expect: 1
# expect: 1
# expect: true
# expect: true
# expect: [0.0, 0]
# expect: [-0.0]
# expect: [0.0, -0.0, 0, -0.0, 0.0]
# expect: [-0.0, 0.0]
# expect: [0.0, -0.0]
# expect: [0.0]
# expect: [-0.0]
# expect: 1
# expect: [0.0]
# expect: {-0.0, -0.0, -0.0, 0.0, -0.0}
# expect: :pos_zero
# expect: :neg_zero
# expect: true
# expect: true
# expect: true
# expect: true
# expect: %{-0.0 => 2}
# expect: true
# expect: true
# expect: [-0.0]
# expect: false
# expect: "-0.0"
# expect: "-0.0"
# expect: -0.0
# expect: 0.0
# expect: -0.0
# expect: 0.0
# expect: [{1, -0.0}, {1, 0.0}]
# expect: [-0.0]
# expect: 1
# expect: {-0.0, 1}
# expect: %{0.0 => [-0.0, 0.0]}
# expect: [{-0.0, 1}]
# expect: true
# expect: false
# expect: true
# expect: true
# expect: false
# expect: [1, 1.0]
# expect: [1.0, 1]
# expect: 1.0
# expect: 1.0
# expect: [0.0, -0.0]
# expect: [-0.0, 0.0]
# expect: [0.0, 1]
# expect: [-0.0]
# expect: %{0.0 => 2}
# expect: %{-0.0 => 2}
# expect: %{0.0 => 2}
# expect: {true, true, true}
