# @derive {Inspect, only: / except:} shows #Name<field: value, ..., ...> as Elixir
# 1.14 does (comp_proto.c derive_redacted, Protocol.__mote_redacted__).
# Expected output from Elixir 1.14.
defmodule V do
  @derive {Inspect, only: [:age, :name]}
  defstruct name: "x", age: 3
end
defmodule V2 do
  @derive {Inspect, only: [:name]}
  defstruct name: "x"
end
defmodule V3 do
  @derive {Inspect, except: [:zz]}
  defstruct name: "x", zz: 1, aa: 2
end
defmodule V4 do
  @derive {Inspect, only: [:b, :a]}
  defstruct a: 1, b: 2, c: 3
end
defmodule User do
  @derive {Inspect, only: [:name]}
  defstruct name: "x", pass: "secret", age: 3
end
defmodule Acct do
  @derive [{Inspect, except: [:pin]}]
  defstruct id: 1, pin: 1234, owner: nil
end
IO.inspect struct(V); IO.inspect struct(V2); IO.inspect struct(V3); IO.inspect struct(V4)
IO.inspect %{k: struct(V4)}
IO.puts "#{inspect struct(V4)}"
IO.inspect struct(User, name: String.duplicate("a", 80))
IO.inspect struct(Acct, owner: struct(User))
IO.inspect [struct(Acct, owner: struct(V4)), {struct(V2)}]
IO.inspect {Inspect.impl_for(struct(V4)), Inspect.impl_for(struct(V))}
IO.puts inspect(struct(Acct), pretty: true, width: 10)
# expect: %V{name: "x", age: 3}
# expect: %V2{name: "x"}
# expect: #V3<name: "x", aa: 2, ...>
# expect: #V4<a: 1, b: 2, ...>
# expect: %{k: #V4<a: 1, b: 2, ...>}
# expect: #V4<a: 1, b: 2, ...>
# expect: #User<
# expect:   name: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
# expect:   ...
# expect: >
# expect: #Acct<id: 1, owner: #User<name: "x", ...>, ...>
# expect: [#Acct<id: 1, owner: #V4<a: 1, b: 2, ...>, ...>, {%V2{name: "x"}}]
# expect: {Inspect.V4, Inspect.V}
# expect: #Acct<
# expect:   id: 1,
# expect:   owner: nil,
# expect:   ...
# expect: >
