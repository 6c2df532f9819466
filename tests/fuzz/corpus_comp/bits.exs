# Bitstring construction and matching.
b = <<1, 2::16, 3::little-16, -1::signed-8, 2.5::float, "tx">>
IO.inspect(b)
<<a, b2::16, c::little-16, d::signed-8, f::float, rest::binary>> = b
IO.inspect({a, b2, c, d, f, rest})
<<n::8, payload::binary-size(n), tail::bits>> = <<2, "hi", 5::4>>
IO.inspect({n, payload, tail})
IO.inspect(<<"é"::utf8, 0x1F600::utf8>>)
<<cp::utf8, _::binary>> = "ünï"
IO.inspect(cp)
IO.inspect(byte_size(<<1::size(4)-unit(8)>>))
# expect: <<1, 0, 2, 3, 0, 255, 64, 4, 0, 0, 0, 0, 0, 0, 116, 120>>
# expect: {1, 2, 3, -1, 2.5, "tx"}
# expect: {2, "hi", <<5::size(4)>>}
# expect: "é😀"
# expect: 252
# expect: 4
