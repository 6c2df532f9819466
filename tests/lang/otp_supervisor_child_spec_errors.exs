# A bare module given as a child: Elixir's ArgumentError tells a module
# without child_spec/1 from a module that does not exist at all.
defmodule Plain do
  def start_link, do: :ignore
end

first_line = fn children ->
  try do
    Supervisor.start_link(children, strategy: :one_for_one)
  rescue
    e in ArgumentError -> e |> Exception.message() |> String.split("\n") |> Enum.take(2)
  end
end

IO.inspect(first_line.([Plain]))
IO.inspect(first_line.([{:missing_module_here, :arg}]))
IO.inspect(:erlang.module_loaded(Plain))
IO.inspect(:erlang.module_loaded(:missing_module_here))
# expect: ["The module Plain was given as a child to a supervisor",
# expect:  "but it does not implement child_spec/1."]
# expect: ["The module :missing_module_here was given as a child to a supervisor but it does not exist."]
# expect: true
# expect: false
