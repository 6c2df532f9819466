# System: the functions of Elixir 1.14's System that are plain compositions
# of the C builtins (lib/system.c holds the rest: get_env, put_env, time).
defmodule System.EnvError do
  defexception [:env]

  def message(%{env: env}), do: "could not fetch environment variable #{inspect(env)} because it is not set"
end

defmodule System do
  @doc "Stops the node with status (0 by default); nothing after it runs, as with a script's System.stop in Elixir."
  def stop(status \\ 0) when is_integer(status) or is_binary(status) or is_list(status), do: System.halt(status)

  def fetch_env(name) when is_binary(name) do
    case System.get_env(name) do
      nil -> :error
      value -> {:ok, value}
    end
  end

  def fetch_env!(name) when is_binary(name) do
    System.get_env(name) || raise(System.EnvError, env: name)
  end
end
