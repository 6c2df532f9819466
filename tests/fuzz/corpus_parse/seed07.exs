<<a::size(8)-big, rest::binary>> = bin
