# :queue keeps queue.erl's {rear, front} shapes; `def unquote(:name)`;
# heredoc line continuation; an attribute built from its old value;
# a defexception without a :message field inspects without one.
q = Enum.reduce(1..5, :queue.new(), &:queue.in/2)
IO.inspect(q)
{{:value, 1}, q} = :queue.out(q)
IO.inspect(q)
IO.inspect(:queue.split(2, :queue.from_list([1, 2, 3, 4, 5])))
IO.inspect({:queue.to_list(q), :queue.len(q), :queue.peek_r(q)})

defmodule Ops do
  def unquote(:"has space")(x, list) when is_list(list), do: x in list
end
IO.inspect(apply(Ops, :"has space", [2, [1, 2]]))

text = """
  one \
  two
  """
IO.inspect(text)

defmodule Attrs do
  @items [:b]
  @items [:a | @items]
  def items, do: @items
end
IO.inspect(Attrs.items())

defmodule Overdrawn do
  defexception [:need, :have]
  def message(e), do: "need #{e.need}, have #{e.have}"
end
try do
  raise Overdrawn, need: 5, have: 1
rescue
  e -> IO.inspect(e); IO.puts(Exception.message(e))
end

# expect: {[5, 4, 3, 2], [1]}
# expect: {[5, 4], [2, 3]}
# expect: {{[2], [1]}, {[5], [3, 4]}}
# expect: {[2, 3, 4, 5], 4, {:value, 5}}
# expect: true
# expect: "one two\n"
# expect: [:a, :b]
# expect: %Overdrawn{need: 5, have: 1}
# expect: need 5, have 1
