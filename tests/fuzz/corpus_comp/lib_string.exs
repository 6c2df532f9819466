# String functions written in the language (lib/ex/string.ex): replace/4
# with a fun, the builtin replacement behind it, myers_difference/2.
# Expected output is Elixir 1.14's.
IO.inspect(String.replace("a,b,c", ["a", "c"], fn <<char>> -> <<char + 1>> end))
IO.inspect(String.replace("a,b,c", ",", "-"))
IO.inspect(String.replace("a,b,c", ",", "-", global: false))
IO.inspect(String.replace("a,b,c", ",", fn x -> x <> x end, global: false))
IO.inspect(String.replace("abc", "", fn _ -> "." end))
IO.inspect(String.replace("abc", "", "."))
IO.inspect(String.replace("a1b22", ~r/\d+/, fn m -> "<" <> m <> ">" end))
IO.inspect(String.replace("a1b22", ~r/\d+/, "[\\0]"))
IO.inspect(String.replace("abc", "b", "x", global: false))
IO.inspect(String.myers_difference("fox hops over the dog", "fox jumps over the lazy cat"))
IO.inspect(String.myers_difference("", "abc"))
IO.inspect(List.myers_difference(["a", "db", "c"], ["a", "bc"], &String.myers_difference/2))
# expect: "b,b,d"
# expect: "a-b-c"
# expect: "a-b,c"
# expect: "a,,b,c"
# expect: ".a.b.c."
# expect: ".a.b.c."
# expect: "a<1>b<22>"
# expect: "a[1]b[22]"
# expect: "axc"
# expect: [
# expect:   eq: "fox ",
# expect:   del: "ho",
# expect:   ins: "jum",
# expect:   eq: "ps over the ",
# expect:   del: "dog",
# expect:   ins: "lazy cat"
# expect: ]
# expect: [ins: "abc"]
# expect: [eq: ["a"], diff: [del: "d", eq: "b", ins: "c"], del: ["c"]]
