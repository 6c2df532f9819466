# @derive (Any implementation), nested defprotocol/defimpl, @impl true, several arities, impl_for!
# (expected output from Elixir 1.14)
defprotocol Describe do
  @moduledoc "Describes things."
  @spec describe(t) :: String.t()
  def describe(x)
  def describe(x, style)
end

defimpl Describe, for: Any do
  def describe(_x), do: "something"
  def describe(_x, style), do: "something #{style}"
end

defmodule User do
  @derive [Describe]
  defstruct name: "anon"
end

defmodule Admin do
  @derive Describe
  defstruct level: 1
end

defmodule Outer do
  defprotocol Inner do
    def hello(x)
  end

  defmodule Thing do
    defstruct v: 1

    defimpl Outer.Inner do
      @impl true
      def hello(t), do: "hello #{t.v}"
    end
  end
end

defimpl Describe, for: Tuple do
  @impl true
  def describe(t), do: "tuple of #{tuple_size(t)}"
  @impl true
  def describe(t, s), do: "tuple of #{tuple_size(t)} #{s}"
end

defimpl Describe, for: Atom do
  def describe(a), do: "atom #{a}"
  def describe(a, s), do: "atom #{a} #{s}"
end

defmodule Main do
  def run do
    IO.puts(Describe.describe(%User{}))
    IO.puts(Describe.describe(%Admin{}, "fancy"))
    IO.puts(Describe.describe({1, 2}))
    IO.puts(Describe.describe({1, 2}, :x))
    IO.puts(Describe.describe(:ok))
    IO.puts(Outer.Inner.hello(%Outer.Thing{v: 7}))
    IO.inspect(Outer.Inner.impl_for(%Outer.Thing{}))
    IO.inspect(Describe.impl_for(%User{}))
    IO.inspect(Describe.impl_for([1]))
    IO.inspect(Describe.impl_for!({}))
    IO.inspect(Describe.__protocol__(:functions))
    try do
      Describe.describe(1)
    rescue
      e in Protocol.UndefinedError -> IO.puts(Exception.message(e))
    end
    try do
      Outer.Inner.hello(%User{})
    rescue
      e in Protocol.UndefinedError -> IO.puts(Exception.message(e))
    end
    try do
      Describe.impl_for!(2.5)
    rescue
      e in Protocol.UndefinedError -> IO.inspect(e.value)
    end
  end
end

Main.run()

# expect: something
# expect: something fancy
# expect: tuple of 2
# expect: tuple of 2 x
# expect: atom ok
# expect: hello 7
# expect: Outer.Inner.Outer.Thing
# expect: Describe.Any
# expect: nil
# expect: Describe.Tuple
# expect: [describe: 1, describe: 2]
# expect: protocol Describe not implemented for 1 of type Integer
# expect: protocol Outer.Inner not implemented for %User{name: "anon"} of type User (a struct)
# expect: 2.5
