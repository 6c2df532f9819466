# URI structs implement String.Chars: to_string/1, interpolation,
# Kernel.to_string/1 and Enum.join reach URI.to_string/1.
u = URI.parse("http://user@example.com:8080/p/a?q=1#frag")
IO.puts(to_string(u))
IO.puts("<#{u}>")
IO.puts(Kernel.to_string(URI.parse("https://x.org/")))
IO.puts(Enum.join([URI.parse("a/b"), URI.parse("mailto:me@x")], " "))
IO.puts(String.Chars.to_string(%URI{scheme: "ftp", host: "h", path: "/f"}))
IO.inspect(String.Chars.impl_for(u))

# expect: http://user@example.com:8080/p/a?q=1#frag
# expect: <http://user@example.com:8080/p/a?q=1#frag>
# expect: https://x.org/
# expect: a/b mailto:me@x
# expect: ftp://h/f
# expect: String.Chars.URI
