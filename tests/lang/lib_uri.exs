# URI, :timer, Function, Float, Macro, Exception helpers, var!/binding,
# macro_exported?, operator captures, Regex option lists, Stream.duplicate.
u = URI.parse("https://user@example.com:8443/a/b?x=1&y=2#top")
IO.inspect({u.scheme, u.userinfo, u.host, u.port, u.path, u.query, u.fragment})
IO.puts(URI.to_string(u))
IO.puts(URI.to_string(URI.parse("http://example.com:80/p")))
IO.inspect(URI.parse("/rel/path?q"))
IO.puts(URI.encode("a b&c/d"))
IO.puts(URI.encode_www_form("a b+c"))
IO.puts(URI.decode_www_form("a+b%2Bc"))
IO.puts(URI.encode_query([a: 1, b: "x y"]))
IO.inspect(URI.decode_query("a=1&b=x+y&c"))
IO.puts(URI.to_string(URI.merge("http://a.com/b/c/d", "../e?f=1")))
IO.inspect(URI.new("http://a.com/>"))
IO.inspect(URI.new!("http://a.com"))
try do
  IO.inspect(URI.decode("%zz%41"))
rescue
  e -> IO.puts(Exception.message(e))
end
try do
  URI.new!("x y")
rescue
  e -> IO.puts(Exception.message(e))
end
{t, v} = :timer.tc(fn -> Enum.sum(1..100) end)
IO.inspect({is_integer(t), v})
IO.inspect(Function.identity(:same))
IO.inspect(Function.capture(String, :upcase, 1).("abc"))
IO.inspect(Function.info(&String.upcase/1, :name))
IO.inspect(Float.ratio(0.75))
IO.inspect(Float.pow(2.0, 10))
IO.inspect(Macro.escape({:a, :b, %{c: 1}}))
IO.inspect(Macro.underscore("HTTPServerName"))
IO.inspect(Macro.camelize("my_app/web_server"))
IO.inspect(Exception.format_mfa(Enum, :map, [[1], :f]))
IO.inspect(Exception.format_file_line("lib/a.ex", 3))
var!(x) = 10
var!(y, :ctx) = 20
IO.inspect(Keyword.keys(binding()))
IO.inspect(binding(:ctx))
IO.inspect(x + var!(y, :ctx))
IO.inspect(macro_exported?(Kernel, :if, 2))
IO.inspect(macro_exported?(Enum, :map, 2))
IO.inspect(Enum.sort([3, 1, 2], &<=/2))
IO.inspect(Enum.map([1, 2], &-/1))
IO.inspect(Enum.zip_with([1, 2], [1, 3], &!==/2))
IO.inspect(Regex.compile!("ab", [:caseless]))
IO.inspect(Regex.match?(Regex.compile!("ab", [:caseless]), "xAB"))
IO.inspect(Stream.duplicate(:z, 3) |> Enum.to_list())
IO.inspect(Enum.chunk_every(1..7, 3, 2, [:pad]))
IO.inspect(Stream.chunk_by([1, 1, 2, 3, 3], & &1) |> Enum.to_list())
IO.inspect("elixir" =~ "xi")
try do
  to_string({1, 2})
rescue
  e -> IO.puts(Exception.message(e))
end
# expect: {"https", "user", "example.com", 8443, "/a/b", "x=1&y=2", "top"}
# expect: https://user@example.com:8443/a/b?x=1&y=2#top
# expect: http://example.com/p
# expect: %URI{
# expect:   scheme: nil,
# expect:   userinfo: nil,
# expect:   host: nil,
# expect:   port: nil,
# expect:   path: "/rel/path",
# expect:   query: "q",
# expect:   fragment: nil
# expect: }
# expect: a%20b&c/d
# expect: a+b%2Bc
# expect: a b+c
# expect: a=1&b=x+y
# expect: %{"a" => "1", "b" => "x y", "c" => ""}
# expect: http://a.com/b/e?f=1
# expect: {:error, ":"}
# expect: %URI{
# expect:   scheme: "http",
# expect:   userinfo: nil,
# expect:   host: "a.com",
# expect:   port: 80,
# expect:   path: nil,
# expect:   query: nil,
# expect:   fragment: nil
# expect: }
# expect: "%zzA"
# expect: cannot parse due to reason invalid_uri: " "
# expect: {true, 5050}
# expect: :same
# expect: "ABC"
# expect: {:name, :upcase}
# expect: {3, 4}
# expect: 1024.0
# expect: {:{}, [], [:a, :b, {:%{}, [], [c: 1]}]}
# expect: "http_server_name"
# expect: "MyApp.WebServer"
# expect: "Enum.map([1], :f)"
# expect: "lib/a.ex:3:"
# expect: [:t, :u, :v, :x]
# expect: [y: 20]
# expect: 30
# expect: true
# expect: false
# expect: [1, 2, 3]
# expect: [-1, -2]
# expect: [false, true]
# expect: Regex.compile!("ab", [:caseless])
# expect: true
# expect: [:z, :z, :z]
# expect: [[1, 2, 3], [3, 4, 5], [5, 6, 7], [7, :pad]]
# expect: [[1, 1], [2], [3, 3]]
# expect: true
# expect: protocol String.Chars not implemented for {1, 2} of type Tuple
