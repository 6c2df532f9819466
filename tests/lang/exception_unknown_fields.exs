# raise Mod, fields: fields the exception struct lacks are dropped (Elixir
# 1.14 warns on stderr), not a KeyError.
defmodule F do
  defexception message: "fdef"
end

defmodule G do
  defexception [:x, :message]
end

try do
  raise F, code: 1
rescue
  e -> IO.inspect(e)
end

try do
  raise G, x: 1, y: 2, message: "m"
rescue
  e -> IO.inspect({e, Exception.message(e)})
end
IO.inspect(G.exception(z: 1))

# expect: %F{message: "fdef"}
# expect: {%G{x: 1, message: "m"}, "m"}
# expect: %G{x: nil, message: nil}
