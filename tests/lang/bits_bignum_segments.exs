# Integer segments keep the low bits of any integer, bignums too (two's
# complement, sign-extended past the top word), as Erlang does; expected
# output from Elixir 1.14.
x = 36893488147419103232 + 9185549
IO.inspect(<<x::24>>)
IO.inspect(<<x::64>>)
IO.inspect(<<-x::32>>)
IO.inspect(<<-x::little-32>>)
IO.inspect(<<x::72>>)
IO.inspect(<<-x::72>>)
IO.inspect(<<-x::130>>)
IO.inspect(<<-36893488147419103232::72>>)
IO.inspect(<<-18446744073709551616::130>>)
IO.inspect(<<-1::70>>)
IO.inspect(<<5::70>>)
IO.inspect(<<-5::66>>)
y = 1152921504606846976
IO.inspect(<<y::64, -y::61>>)
IO.inspect(<<-9223372036854775809::64>>)
# expect: <<140, 41, 13>>
# expect: <<0, 0, 0, 0, 0, 140, 41, 13>>
# expect: <<255, 115, 214, 243>>
# expect: <<243, 214, 115, 255>>
# expect: <<2, 0, 0, 0, 0, 0, 140, 41, 13>>
# expect: <<253, 255, 255, 255, 255, 255, 115, 214, 243>>
# expect: <<255, 255, 255, 255, 255, 255, 255, 255, 127, 255, 255, 255, 255, 220, 245,
# expect:   188, 3::size(2)>>
# expect: <<254, 0, 0, 0, 0, 0, 0, 0, 0>>
# expect: <<255, 255, 255, 255, 255, 255, 255, 255, 192, 0, 0, 0, 0, 0, 0, 0, 0::size(2)>>
# expect: <<255, 255, 255, 255, 255, 255, 255, 255, 63::size(6)>>
# expect: <<0, 0, 0, 0, 0, 0, 0, 0, 5::size(6)>>
# expect: <<255, 255, 255, 255, 255, 255, 255, 254, 3::size(2)>>
# expect: <<16, 0, 0, 0, 0, 0, 0, 0, 128, 0, 0, 0, 0, 0, 0, 0::size(5)>>
# expect: <<127, 255, 255, 255, 255, 255, 255, 255>>
