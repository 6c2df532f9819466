# Agent: state behind a GenServer (Agent.Server), reached with functions or
# {module, function, args} (the state is prepended to args).
defmodule Agent do
  def start_link(fun, opts \\ []), do: GenServer.start_link(Agent.Server, fun, opts)
  def start_link(m, f, a, opts \\ []), do: GenServer.start_link(Agent.Server, {m, f, a}, opts)
  def start(fun, opts \\ []), do: GenServer.start(Agent.Server, fun, opts)
  def start(m, f, a, opts \\ []), do: GenServer.start(Agent.Server, {m, f, a}, opts)

  def __mote_child_spec__(mod, arg, opts) do
    Supervisor.child_spec(%{id: mod, start: {mod, :start_link, [arg]}}, opts)
  end

  def child_spec(arg), do: %{id: Agent, start: {Agent, :start_link, [arg]}}

  def get(agent, fun, timeout \\ 5000) when is_function(fun, 1),
    do: GenServer.call(agent, {:get, fun}, timeout)

  def get(agent, m, f, a, timeout \\ 5000), do: GenServer.call(agent, {:get, {m, f, a}}, timeout)

  def get_and_update(agent, fun, timeout \\ 5000) when is_function(fun, 1),
    do: GenServer.call(agent, {:get_and_update, fun}, timeout)

  def get_and_update(agent, m, f, a, timeout \\ 5000),
    do: GenServer.call(agent, {:get_and_update, {m, f, a}}, timeout)

  def update(agent, fun, timeout \\ 5000) when is_function(fun, 1),
    do: GenServer.call(agent, {:update, fun}, timeout)

  def update(agent, m, f, a, timeout \\ 5000), do: GenServer.call(agent, {:update, {m, f, a}}, timeout)

  def cast(agent, fun) when is_function(fun, 1), do: GenServer.cast(agent, {:cast, fun})
  def cast(agent, m, f, a), do: GenServer.cast(agent, {:cast, {m, f, a}})

  def stop(agent, reason \\ :normal, timeout \\ :infinity), do: GenServer.stop(agent, reason, timeout)
end

defmodule Agent.Server do
  def init(fun), do: {:ok, run(fun, [])}

  def handle_call({:get, fun}, _from, state), do: {:reply, run(fun, [state]), state}

  def handle_call({:get_and_update, fun}, _from, state) do
    case run(fun, [state]) do
      {reply, new_state} -> {:reply, reply, new_state}
      other -> {:stop, {:bad_return_value, other}, state}
    end
  end

  def handle_call({:update, fun}, _from, state), do: {:reply, :ok, run(fun, [state])}

  def handle_cast({:cast, fun}, state), do: {:noreply, run(fun, [state])}

  defp run({m, f, a}, extra), do: apply(m, f, extra ++ a)
  defp run(fun, extra), do: apply(fun, extra)
end
