# float-16 segments both ways; accumulating module attributes.
for x <- [1.5, -2.5, 65504.0, 0.1, 1.0e-5, 70000.0] do
  b = <<x::float-16>>
  case b do
    <<y::float-16>> -> IO.inspect({x, b, y})
    _ -> IO.inspect({x, b, :no_match})
  end
end
<<z::float-little-16>> = <<0, 62>>
IO.inspect(z)

defmodule Registry1 do
  Module.register_attribute(__MODULE__, :handlers, accumulate: true)
  @handlers :first
  @handlers {:second, 2}
  def handlers, do: @handlers
  Module.register_attribute(__MODULE__, :none, accumulate: true)
  def none, do: @none
end

IO.inspect({Registry1.handlers(), Registry1.none()})

# expect: {1.5, <<62, 0>>, 1.5}
# expect: {-2.5, <<193, 0>>, -2.5}
# expect: {65504.0, <<123, 255>>, 65504.0}
# expect: {0.1, ".f", 0.0999755859375}
# expect: {1.0e-5, <<0, 168>>, 1.0013580322265625e-5}
# expect: {70000.0, <<124, 0>>, :no_match}
# expect: 1.5
# expect: {[{:second, 2}, :first], []}
