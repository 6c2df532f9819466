# IO.inspect with a user Inspect impl: captures (&IO.inspect/1,2), labels,
# devices, and line breaking at the width as Elixir 1.14 (placeholders as
# wide as the impl's text). Expected output from Elixir 1.14.
defmodule Pt do
  defstruct x: 0
end
defimpl Inspect, for: Pt do
  def inspect(p, _opts), do: "#Pt<#{p.x}>"
end
l = for i <- 1..12, do: struct(Pt, x: i * 1000)
IO.inspect(l)
IO.inspect(l, label: "lab")
IO.puts(inspect(l))
IO.inspect({l, :a}, width: 30)
Enum.each([struct(Pt, x: 1)], &IO.inspect/1)
[struct(Pt, x: 2)] |> Enum.map(&IO.inspect/1)
f = &IO.inspect/2
f.(struct(Pt, x: 4), label: "f")
IO.inspect(:stdio, [struct(Pt, x: 5)], label: "dev")
IO.inspect(l |> Enum.take(2), label: :atom_label)
# expect: [#Pt<1000>, #Pt<2000>, #Pt<3000>, #Pt<4000>, #Pt<5000>, #Pt<6000>, #Pt<7000>,
# expect:  #Pt<8000>, #Pt<9000>, #Pt<10000>, #Pt<11000>, #Pt<12000>]
# expect: lab: [#Pt<1000>, #Pt<2000>, #Pt<3000>, #Pt<4000>, #Pt<5000>, #Pt<6000>, #Pt<7000>,
# expect:  #Pt<8000>, #Pt<9000>, #Pt<10000>, #Pt<11000>, #Pt<12000>]
# expect: [#Pt<1000>, #Pt<2000>, #Pt<3000>, #Pt<4000>, #Pt<5000>, #Pt<6000>, #Pt<7000>, #Pt<8000>, #Pt<9000>, #Pt<10000>, #Pt<11000>, #Pt<12000>]
# expect: {[#Pt<1000>, #Pt<2000>,
# expect:   #Pt<3000>, #Pt<4000>,
# expect:   #Pt<5000>, #Pt<6000>,
# expect:   #Pt<7000>, #Pt<8000>,
# expect:   #Pt<9000>, #Pt<10000>,
# expect:   #Pt<11000>, #Pt<12000>], :a}
# expect: #Pt<1>
# expect: #Pt<2>
# expect: f: #Pt<4>
# expect: dev: [#Pt<5>]
# expect: atom_label: [#Pt<1000>, #Pt<2000>]
