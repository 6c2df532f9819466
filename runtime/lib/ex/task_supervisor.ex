# Task.Supervisor: a DynamicSupervisor of :temporary tasks (by default),
# reporting itself to the observer as a :task_supervisor.
#
# A supervised task is started by the supervisor process (so it is linked
# to the supervisor); async/async_stream then link it to the caller from
# inside the task, and the caller attaches its monitor and reply tag as
# for Task.async (Task.attach/3).
defmodule Task.Supervisor do
  def child_spec(opts) do
    %{id: Keyword.get(opts, :name, Task.Supervisor), start: {Task.Supervisor, :start_link, [opts]}, type: :supervisor}
  end

  def start_link(opts \\ []) do
    {sup_opts, start_opts} = Keyword.split(opts, [:max_restarts, :max_seconds, :max_children])
    DynamicSupervisor.start_link(Task.Supervisor.Default, sup_opts, Keyword.take(start_opts, [:name]))
  end

  # ---- tasks with a reply ------------------------------------------------

  def async(sup, fun, opts \\ []) when is_function(fun, 0),
    do: async(sup, :erlang, :apply, [fun, []], opts)

  def async(sup, m, f, a, opts \\ []),
    do: start_task(sup, :link, {m, f, a}, Keyword.get(opts, :shutdown, 5000))

  def async_nolink(sup, fun, opts \\ []) when is_function(fun, 0),
    do: async_nolink(sup, :erlang, :apply, [fun, []], opts)

  def async_nolink(sup, m, f, a, opts \\ []),
    do: start_task(sup, :nolink, {m, f, a}, Keyword.get(opts, :shutdown, 5000))

  def async_stream(sup, enum, fun, opts \\ []) when is_function(fun, 1),
    do: Task.Stream.build(enum, {:fun, fun}, opts, :link, sup)

  def async_stream(sup, enum, m, f, a, opts),
    do: Task.Stream.build(enum, {:mfa, m, f, a}, opts, :link, sup)

  def async_stream_nolink(sup, enum, fun, opts \\ []) when is_function(fun, 1),
    do: Task.Stream.build(enum, {:fun, fun}, opts, :nolink, sup)

  def async_stream_nolink(sup, enum, m, f, a, opts),
    do: Task.Stream.build(enum, {:mfa, m, f, a}, opts, :nolink, sup)

  # Starts one replying task under sup and returns its %Task{}; the caller
  # is its owner. Exits like GenServer.call when the supervisor is gone.
  @doc false
  def start_task(sup, link, mfa, shutdown) do
    owner = self()
    args = [owner, Task.callers(), link, mfa, :reply]
    spec = %{id: Task, start: {Task.Supervisor, :start_supervised, args}, restart: :temporary, shutdown: shutdown}

    case DynamicSupervisor.start_child(sup, spec) do
      {:ok, pid} -> Task.attach(pid, owner, mfa)
      {:error, :max_children} -> exit({:max_children, {Task.Supervisor, :async, [sup]}})
      {:error, reason} -> exit({reason, {Task.Supervisor, :async, [sup]}})
    end
  end

  # Runs in the supervisor: the task is spawned linked to it.
  @doc false
  def start_supervised(owner, callers, link, mfa, mode) do
    pid =
      spawn_link(fn ->
        if link == :link, do: Process.link(owner)
        Task.task_main(owner, callers, mfa, mode)
      end)

    {:ok, pid}
  end

  # ---- fire-and-forget tasks --------------------------------------------

  def start_child(sup, fun, opts \\ []) when is_function(fun, 0),
    do: start_child(sup, :erlang, :apply, [fun, []], opts)

  def start_child(sup, m, f, a, opts) do
    restart = Keyword.get(opts, :restart, :temporary)
    shutdown = Keyword.get(opts, :shutdown, 5000)
    args = [self(), Task.callers(), :nolink, {m, f, a}, :noreply]
    spec = %{id: Task, start: {Task.Supervisor, :start_supervised, args}, restart: restart, shutdown: shutdown}
    DynamicSupervisor.start_child(sup, spec)
  end

  def children(sup) do
    sup |> DynamicSupervisor.which_children() |> Enum.map(fn {_, pid, _, _} -> pid end) |> Enum.filter(&is_pid/1)
  end

  def terminate_child(sup, pid) when is_pid(pid), do: DynamicSupervisor.terminate_child(sup, pid)
end

defmodule Task.Supervisor.Default do
  @moduledoc false
  def init(opts) do
    {:ok, flags} = DynamicSupervisor.init(opts)
    {:ok, Map.put(flags, :mote_kind, :task_supervisor)}
  end
end
