# inspect with a user Inspect impl in every position: keyword values, map
# keys (the map keeps => for every key), improper tails, long lists broken
# at the width as Elixir breaks them. Expected output from Elixir 1.14.
defmodule Pt do
  defstruct x: 0
end
defimpl Inspect, for: Pt do
  def inspect(p, _opts), do: "#Pt<#{p.x}>"
end
p = fn i -> struct(Pt, x: i) end
IO.inspect([a: p.(1), b: [p.(2)]])
IO.inspect(%{p.(1) => p.(2), :k => {p.(3)}})
IO.inspect([p.(1) | p.(2)])
IO.inspect({:ok, [p.(1), "str", 'chars', 1.5, %{x: p.(9)}]})
IO.inspect(Enum.map(1..30, p))
IO.inspect(%{list: Enum.map(1..20, p), name: "x"})
IO.inspect([[p.(1)], [[p.(2)]]], width: 10)
IO.inspect(Enum.map(1..8, p), limit: 3)
IO.inspect({p.(123456789012345678901234567890), p.(1)}, width: 40)
IO.puts(inspect(%{a: p.(1)}, pretty: true, width: 8))
# expect: [a: #Pt<1>, b: [#Pt<2>]]
# expect: %{:k => {#Pt<3>}, #Pt<1> => #Pt<2>}
# expect: [#Pt<1> | #Pt<2>]
# expect: {:ok, [#Pt<1>, "str", 'chars', 1.5, %{x: #Pt<9>}]}
# expect: [#Pt<1>, #Pt<2>, #Pt<3>, #Pt<4>, #Pt<5>, #Pt<6>, #Pt<7>, #Pt<8>, #Pt<9>,
# expect:  #Pt<10>, #Pt<11>, #Pt<12>, #Pt<13>, #Pt<14>, #Pt<15>, #Pt<16>, #Pt<17>,
# expect:  #Pt<18>, #Pt<19>, #Pt<20>, #Pt<21>, #Pt<22>, #Pt<23>, #Pt<24>, #Pt<25>,
# expect:  #Pt<26>, #Pt<27>, #Pt<28>, #Pt<29>, #Pt<30>]
# expect: %{
# expect:   list: [#Pt<1>, #Pt<2>, #Pt<3>, #Pt<4>, #Pt<5>, #Pt<6>, #Pt<7>, #Pt<8>, #Pt<9>,
# expect:    #Pt<10>, #Pt<11>, #Pt<12>, #Pt<13>, #Pt<14>, #Pt<15>, #Pt<16>, #Pt<17>,
# expect:    #Pt<18>, #Pt<19>, #Pt<20>],
# expect:   name: "x"
# expect: }
# expect: [
# expect:   [#Pt<1>],
# expect:   [
# expect:     [#Pt<2>]
# expect:   ]
# expect: ]
# expect: [#Pt<1>, #Pt<2>, #Pt<3>, ...]
# expect: {#Pt<123456789012345678901234567890>,
# expect:  #Pt<1>}
# expect: %{
# expect:   a: #Pt<1>
# expect: }
