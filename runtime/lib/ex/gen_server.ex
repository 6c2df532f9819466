# GenServer: OTP's gen_server semantics in the language itself.
#
# The wire format is OTP's, so a server written here answers callers that
# speak gen_server from anywhere: {:"$gen_call", {pid, tag}, request} and
# {:"$gen_cast", request}. `use GenServer` only injects child_spec/1 (the
# compiler's comp_use.c); the other default callbacks are supplied here, at
# run time, when the module does not export them.
defmodule GenServer do
  def start(mod, arg, opts \\ []), do: start_it(:nolink, mod, arg, opts)
  def start_link(mod, arg, opts \\ []), do: start_it(:link, mod, arg, opts)

  # Used by `use GenServer` (see comp_use.c): the default child spec,
  # overridden by the options given to `use`.
  def __mote_child_spec__(mod, arg, opts) do
    Supervisor.child_spec(%{id: mod, start: {mod, :start_link, [arg]}}, opts)
  end

  # Starts the server and waits for init/1's answer, as proc_lib does: the
  # caller sees {:ok, pid}, :ignore or {:error, reason}, and a server that
  # dies before answering is reported with its exit reason.
  defp start_it(link, mod, arg, opts) do
    check_name(Keyword.get(opts, :name))
    parent = self()
    tag = make_ref()
    fun = fn -> init_it(parent, tag, link, mod, arg, opts) end
    pid = if link == :link, do: spawn_link(fun), else: spawn(fun)
    mon = Process.monitor(pid)

    receive do
      {^tag, result} ->
        Process.demonitor(mon, [:flush])
        result

      {:DOWN, ^mon, _, _, reason} ->
        {:error, reason}
    after
      Keyword.get(opts, :timeout, :infinity) ->
        # init/1 took too long: the server is killed, as proc_lib does.
        Process.unlink(pid)
        Process.exit(pid, :kill)
        Process.demonitor(mon, [:flush])

        receive do
          {:EXIT, ^pid, _} -> :ok
        after
          0 -> :ok
        end

        {:error, :timeout}
    end
  end

  defp init_it(parent, tag, link, mod, arg, opts) do
    # The observer's initial call, as proc_lib records it: mod.init/1.
    :mote.set_initial_call(mod, :init, 1)
    name = Keyword.get(opts, :name)

    case register_name(name, self()) do
      {:error, _} = err ->
        send(parent, {tag, err})
        exit(:normal)

      :ok ->
        apply_queue_opts(opts)
        init_run(parent, tag, link, mod, arg, name)
    end
  end

  # Back-pressure (mote's extension): max_queue_len: n, overflow: policy
  # bound this server's mailbox in the core.
  defp apply_queue_opts(opts) do
    case Keyword.get(opts, :max_queue_len) do
      nil -> :ok
      n -> :mote.set_mailbox_limit(n, Keyword.get(opts, :overflow, :drop_newest))
    end
  end

  defp init_run(starter, tag, link, mod, arg, name) do
    parent = if link == :link, do: starter, else: self()

    case callback(mod, :init, [arg]) do
      {:ok, {:ok, state}} ->
        send(starter, {tag, {:ok, self()}})
        enter(mod, state, parent, name, :infinity)

      {:ok, {:ok, state, action}} ->
        send(starter, {tag, {:ok, self()}})
        enter(mod, state, parent, name, action)

      {:ok, :ignore} ->
        unregister_name(name)
        send(starter, {tag, :ignore})
        exit(:normal)

      {:ok, {:stop, reason}} ->
        unregister_name(name)
        send(starter, {tag, {:error, reason}})
        exit(reason)

      {:ok, other} ->
        reason = {:bad_return_value, other}
        unregister_name(name)
        send(starter, {tag, {:error, reason}})
        exit(reason)

      {:crash, reason} ->
        unregister_name(name)
        send(starter, {tag, {:error, reason}})
        exit(reason)
    end
  end

  defp enter(mod, state, parent, name, action) do
    Process.put(:"$mote_gen", {mod, name})
    continue(mod, state, parent, name, action, :none)
  end

  # ---- registration -------------------------------------------------------

  defp register_name(nil, _pid), do: :ok

  defp register_name(name, pid) when is_atom(name) do
    try do
      Process.register(pid, name)
      :ok
    rescue
      _ -> {:error, {:already_started, Process.whereis(name)}}
    end
  end

  defp register_name({:via, m, key}, pid) do
    case m.register_name(key, pid) do
      :yes -> :ok
      :no -> {:error, {:already_started, m.whereis_name(key)}}
    end
  end

  defp register_name({:global, key}, pid), do: register_name({:via, :global, key}, pid)

  # A bad :name raises in the caller, before anything is spawned.
  defp check_name(nil), do: :ok
  defp check_name(name) when is_atom(name), do: :ok
  defp check_name({:global, _}), do: :ok
  defp check_name({:via, m, _}) when is_atom(m), do: :ok
  defp check_name(other), do: register_name(other, nil)

  defp register_name(other, _pid) do
    raise ArgumentError, "expected :name option to be one of the following:\n\n  * nil\n  * atom\n  * {:global, term}\n  * {:via, module, term}\n\nGot: #{inspect(other)}\n"
  end

  defp unregister_name(nil), do: :ok

  defp unregister_name(name) when is_atom(name) do
    try do
      Process.unregister(name)
    rescue
      _ -> :ok
    end

    :ok
  end

  defp unregister_name({:via, m, key}), do: m.unregister_name(key)
  defp unregister_name({:global, key}), do: unregister_name({:via, :global, key})

  @doc false
  def whereis(pid) when is_pid(pid), do: pid
  def whereis(name) when is_atom(name), do: Process.whereis(name)

  def whereis({:via, m, key}) do
    case m.whereis_name(key) do
      pid when is_pid(pid) -> pid
      _ -> nil
    end
  end

  def whereis({:global, key}), do: whereis({:via, :global, key})

  def whereis({name, node}) when is_atom(name) and is_atom(node) do
    if node == node(), do: Process.whereis(name), else: {name, node}
  end

  def whereis(_), do: nil

  # ---- client side --------------------------------------------------------

  def call(server, request, timeout \\ 5000) do
    case whereis(server) do
      nil ->
        exit({:noproc, {GenServer, :call, [server, request, timeout]}})

      {_name, node} ->
        exit({{:nodedown, node}, {GenServer, :call, [server, request, timeout]}})

      pid when pid == self() ->
        exit({:calling_self, {GenServer, :call, [server, request, timeout]}})

      pid ->
        case do_call(pid, request, timeout) do
          {:ok, reply} -> reply
          {:exit, reason} -> exit({reason, {GenServer, :call, [server, request, timeout]}})
        end
    end
  end

  # A monitor covers both a dead server (:noproc at once) and one that dies
  # while we wait; the monitor's ref doubles as the reply tag. The observer
  # learns whom we wait on (deadlock detection) for the receive's duration.
  defp do_call(pid, request, timeout) do
    ref = Process.monitor(pid)
    send(pid, {:"$gen_call", {self(), ref}, request})
    :mote.set_waiting_on(pid)
    result = await_reply(ref, timeout)
    :mote.set_waiting_on(nil)
    result
  end

  # The pid of the server registered as name, started unlinked (init(nil))
  # on first use; a racing starter's server wins. Backs :global and
  # Application's controller.
  @doc false
  def singleton(mod, name) do
    case Process.whereis(name) do
      nil ->
        case start(mod, nil, name: name) do
          {:ok, pid} -> pid
          {:error, {:already_started, pid}} -> pid
        end

      pid ->
        pid
    end
  end

  # The reply tagged with the monitor's ref, or its :DOWN: {:ok, reply} or
  # {:exit, reason}; the monitor is gone after. Task.await waits the same way.
  @doc false
  def await_reply(ref, timeout) do
    receive do
      {^ref, reply} ->
        Process.demonitor(ref, [:flush])
        {:ok, reply}

      {:DOWN, ^ref, _, _, reason} ->
        {:exit, reason}
    after
      timeout ->
        Process.demonitor(ref, [:flush])
        {:exit, :timeout}
    end
  end

  # Single node: the only node reachable is this one; any other is bad.
  def abcast(nodes \\ [node()], name, request) when is_atom(name) do
    for n <- nodes, n == node(), do: cast(name, request)
    :abcast
  end

  def multi_call(nodes \\ [node()], name, request, timeout \\ :infinity) when is_atom(name) do
    Enum.reduce(Enum.reverse(nodes), {[], []}, fn n, {ok, bad} ->
      with true <- n == node(),
           pid when is_pid(pid) <- Process.whereis(name),
           {:ok, reply} <- do_call(pid, request, timeout) do
        {[{n, reply} | ok], bad}
      else
        _ -> {ok, [n | bad]}
      end
    end)
  end

  def cast(server, request) do
    case whereis(server) do
      nil -> :ok
      pid -> send(pid, {:"$gen_cast", request})
    end

    :ok
  end

  def reply({pid, tag}, reply) do
    send(pid, {tag, reply})
    :ok
  end

  def stop(server, reason \\ :normal, timeout \\ :infinity) do
    case whereis(server) do
      nil ->
        exit({:noproc, {GenServer, :stop, [server, reason, timeout]}})

      pid ->
        ref = Process.monitor(pid)
        send(pid, {:system, {self(), ref}, {:terminate, reason}})

        receive do
          {:DOWN, ^ref, _, _, ^reason} ->
            :ok

          {:DOWN, ^ref, _, _, other} ->
            exit({other, {GenServer, :stop, [server, reason, timeout]}})
        after
          timeout ->
            Process.demonitor(ref, [:flush])
            exit({:timeout, {GenServer, :stop, [server, reason, timeout]}})
        end
    end
  end

  # ---- the server loop ----------------------------------------------------

  defp loop(mod, state, parent, name, timeout) do
    receive do
      msg -> handle_msg(msg, mod, state, parent, name)
    after
      timeout -> dispatch(mod, :handle_info, [:timeout, state], state, parent, name, :timeout)
    end
  end

  defp handle_msg({:"$gen_call", from, req} = msg, mod, state, parent, name) do
    case callback(mod, :handle_call, [req, from, state]) do
      {:ok, {:reply, reply, s}} ->
        reply(from, reply)
        loop(mod, s, parent, name, :infinity)

      {:ok, {:reply, reply, s, action}} ->
        reply(from, reply)
        continue(mod, s, parent, name, action, msg)

      {:ok, {:stop, reason, reply, s}} ->
        try_terminate(mod, reason, s, name, msg)
        reply(from, reply)
        exit(reason)

      other ->
        common_return(other, mod, state, parent, name, msg)
    end
  end

  defp handle_msg({:"$gen_cast", req} = msg, mod, state, parent, name),
    do: dispatch(mod, :handle_cast, [req, state], state, parent, name, msg)

  defp handle_msg({:system, from, {:terminate, reason}}, mod, state, _parent, name) do
    _ = from
    try_terminate(mod, reason, state, name, :none)
    exit(reason)
  end

  defp handle_msg({:system, from, :get_state}, mod, state, parent, name) do
    reply(from, state)
    loop(mod, state, parent, name, :infinity)
  end

  # :sys.replace_state: a fun that raises leaves the state as it was and
  # answers the error, as sys does.
  defp handle_msg({:system, from, {:replace_state, fun}}, mod, state, parent, name) do
    try do
      new_state = fun.(state)
      reply(from, {:ok, new_state})
      loop(mod, new_state, parent, name, :infinity)
    catch
      kind, reason ->
        reply(from, {:error, {kind, reason}})
        loop(mod, state, parent, name, :infinity)
    end
  end

  # Sent by Application's master to the top process of an application.
  defp handle_msg({:"$mote_app", app}, mod, state, parent, name) do
    :mote.app_register(app)
    loop(mod, state, parent, name, :infinity)
  end

  defp handle_msg({:EXIT, parent, reason} = msg, mod, state, parent, name) when parent != self() do
    try_terminate(mod, reason, state, name, msg)
    exit(reason)
  end

  defp handle_msg(msg, mod, state, parent, name),
    do: dispatch(mod, :handle_info, [msg, state], state, parent, name, msg)

  defp dispatch(mod, fun, args, state, parent, name, msg),
    do: common_return(callback(mod, fun, args), mod, state, parent, name, msg)

  defp common_return(result, mod, state, parent, name, msg) do
    case result do
      {:ok, {:noreply, s}} ->
        loop(mod, s, parent, name, :infinity)

      {:ok, {:noreply, s, action}} ->
        continue(mod, s, parent, name, action, msg)

      {:ok, {:stop, reason, s}} ->
        try_terminate(mod, reason, s, name, msg)
        exit(reason)

      {:ok, other} ->
        reason = {:bad_return_value, other}
        try_terminate(mod, reason, state, name, msg)
        exit(reason)

      {:crash, reason} ->
        try_terminate(mod, reason, state, name, msg)
        exit(reason)
    end
  end

  # The optional action after a callback: a timeout, :hibernate (a plain
  # wait here: the core's GC already shrinks an idle heap) or {:continue, c}.
  defp continue(mod, state, parent, name, action, msg) do
    case action do
      {:continue, c} ->
        dispatch(mod, :handle_continue, [c, state], state, parent, name, msg)

      :hibernate ->
        loop(mod, state, parent, name, :infinity)

      t when is_integer(t) and t >= 0 ->
        loop(mod, state, parent, name, t)

      :infinity ->
        loop(mod, state, parent, name, :infinity)

      other ->
        reason = {:bad_return_value, other}
        try_terminate(mod, reason, state, name, msg)
        exit(reason)
    end
  end

  # Runs one callback. A throw is a return value (as in gen_server); a raise
  # becomes the exit reason {exception, stacktrace}; an exit keeps its reason.
  defp callback(mod, fun, args) do
    try do
      {:ok, apply_cb(mod, fun, args)}
    catch
      :throw, value -> {:ok, value}
      :error, e -> {:crash, {e, __STACKTRACE__}}
      :exit, r -> {:crash, r}
    end
  end

  defp apply_cb(mod, fun, args) do
    if exported?(mod, fun, length(args)) do
      apply(mod, fun, args)
    else
      default_cb(mod, fun, args)
    end
  end

  # Whether the callback module exports fun/arity, asked once per server
  # process (a server runs one module): the answer is kept in the process
  # dictionary, which costs less per message than function_exported?.
  defp exported?(mod, fun, arity) do
    key = {:"$mote_cb", mod, fun, arity}

    case Process.get(key) do
      nil ->
        yes = function_exported?(mod, fun, arity)
        Process.put(key, yes)
        yes

      yes ->
        yes
    end
  end

  # The defaults `use GenServer` would inject.
  defp default_cb(mod, :init, [arg]) do
    _ = mod
    {:ok, arg}
  end

  defp default_cb(_mod, :handle_call, [_req, _from, _state]) do
    raise RuntimeError,
          "attempted to call GenServer #{inspect(label())} but no handle_call/3 clause was provided"
  end

  defp default_cb(_mod, :handle_cast, [_req, _state]) do
    raise RuntimeError,
          "attempted to cast GenServer #{inspect(label())} but no handle_cast/2 clause was provided"
  end

  defp default_cb(mod, :handle_info, [msg, state]) do
    if msg != :timeout do
      report("#{inspect(mod)} #{inspect(label())} received unexpected message in handle_info/2: #{inspect(msg)}")
    end

    {:noreply, state}
  end

  defp default_cb(mod, :handle_continue, [c, _state]) do
    raise RuntimeError, "attempted to continue GenServer #{inspect(label())} with #{inspect(c)} but no handle_continue/2 clause was provided (#{inspect(mod)})"
  end

  defp default_cb(_mod, :terminate, [_reason, _state]), do: :ok
  defp default_cb(_mod, :code_change, [_old, state, _extra]), do: {:ok, state}

  defp label do
    case Process.get(:"$mote_gen") do
      {_, name} when name != nil -> name
      _ -> self()
    end
  end

  defp try_terminate(mod, reason, state, name, msg) do
    if function_exported?(mod, :terminate, 2) do
      case callback(mod, :terminate, [reason, state]) do
        {:crash, r} ->
          crash_report(mod, r, state, name, msg)
          exit(r)

        _ ->
          :ok
      end
    end

    crash_report(mod, reason, state, name, msg)
  end

  defp crash_report(_mod, reason, state, name, msg) do
    unless normal_reason?(reason) do
      who = if name == nil, do: inspect(self()), else: inspect(name)
      report("GenServer #{who} terminating\n" <> format_reason(reason) <> last_message(msg) <> "\nState: #{inspect(state)}" <> client(msg))
    end

    :ok
  end

  defp last_message(:none), do: ""
  defp last_message({:"$gen_call", {pid, _}, req}), do: "\nLast message (from #{who(pid)}): #{inspect(req)}"
  defp last_message(msg), do: "\nLast message: #{inspect(msg)}"

  defp client({:"$gen_call", {pid, _}, _}) do
    "\nClient #{who(pid)} is " <> if(Process.alive?(pid), do: "alive", else: "dead")
  end

  # A client by its registered name when it has one, as Logger shows it.
  defp who(pid) do
    case Process.alive?(pid) && Process.info(pid, :registered_name) do
      {:registered_name, name} when is_atom(name) and name != [] -> inspect(name)
      _ -> inspect(pid)
    end
  end

  defp client(_), do: ""

  @doc false
  def normal_reason?(:normal), do: true
  def normal_reason?(:shutdown), do: true
  def normal_reason?({:shutdown, _}), do: true
  def normal_reason?(_), do: false

  # Formats an exit reason as Logger does: an exception with its message
  # and stack trace, anything else as ** (stop) reason.
  @doc false
  def format_reason({e, st}) when is_list(st) do
    cond do
      is_exception(e) -> String.trim_trailing(Exception.format(:error, e, st))
      # an Erlang error term ({:badarith, st}) prints as its exception
      stacktrace?(st) and not is_struct(Exception.normalize(:error, e, st), ErlangError) ->
        String.trim_trailing(Exception.format(:error, Exception.normalize(:error, e, st), st))

      stacktrace?(st) -> "** (stop) #{inspect(e)}\n" <> String.trim_trailing(Exception.format_stacktrace(st))
      true -> "** (stop) #{inspect({e, st})}"
    end
  end

  def format_reason(reason), do: "** (stop) #{inspect(reason)}"

  defp stacktrace?(st) do
    st != [] and Enum.all?(st, fn
      {_m, _f, _a, loc} when is_list(loc) -> true
      _ -> false
    end)
  end

  # Crash reports go to stderr, as Logger prints them (never stdout).
  # Silenced by MOTE_QUIET=1 in the environment or by
  # :mote.set_crash_reports(false).
  @doc false
  def report(text), do: emit("[error] ", text)

  @doc false
  def report_info(text), do: emit("[info] ", text)

  defp emit(level, text) do
    if reports?(), do: IO.puts(:stderr, level <> text)
    :ok
  end

  # Whether crash reports are printed; callers that build a costly report
  # (a restart storm) ask first.
  @doc false
  def reports?, do: :mote.crash_reports() and System.get_env("MOTE_QUIET") in [nil, "", "0"]
end

# The parts of OTP's :sys that reach a GenServer's state (Agent's too).
defmodule :sys do
  def get_state(server, timeout \\ 5000), do: system_call(server, :get_state, timeout, :get_state)

  def replace_state(server, fun, timeout \\ 5000) when is_function(fun, 1) do
    case system_call(server, {:replace_state, fun}, timeout, :replace_state) do
      {:ok, state} -> state
      {:error, {kind, reason}} -> exit({{:callback_failed, {kind, reason}}, {:sys, :replace_state, [server, fun]}})
    end
  end

  defp system_call(server, req, timeout, fun) do
    pid = GenServer.whereis(server)
    args = if fun == :get_state, do: [server], else: [server, elem(req, 1)]

    if not is_pid(pid), do: exit({:noproc, {:sys, fun, args}})
    ref = Process.monitor(pid)
    send(pid, {:system, {self(), ref}, req})

    receive do
      {^ref, reply} ->
        Process.demonitor(ref, [:flush])
        reply

      {:DOWN, ^ref, _, _, reason} ->
        exit({reason, {:sys, fun, args}})
    after
      timeout ->
        Process.demonitor(ref, [:flush])
        exit({:timeout, {:sys, fun, args}})
    end
  end
end

# A single-node :global: names for {:global, name} (GenServer, Agent ...),
# kept by one name server started on first use. A registered process is
# monitored and its names dropped when it dies, as :global does.
defmodule :global do
  def register_name(name, pid) when is_pid(pid), do: GenServer.call(server(), {:register, name, pid})
  def unregister_name(name), do: GenServer.call(server(), {:unregister, name})
  def whereis_name(name), do: GenServer.call(server(), {:whereis, name})
  def registered_names, do: GenServer.call(server(), :names)

  def send(name, msg) do
    case whereis_name(name) do
      pid when is_pid(pid) ->
        Kernel.send(pid, msg)
        pid

      :undefined ->
        exit({:badarg, {name, msg}})
    end
  end

  defp server, do: GenServer.singleton(:mote_global_server, :mote_global)
end

defmodule :mote_global_server do
  @moduledoc false
  def init(nil), do: {:ok, %{}}

  def handle_call({:register, name, pid}, _from, names) do
    if Map.has_key?(names, name) or not Process.alive?(pid) do
      {:reply, :no, names}
    else
      {:reply, :yes, Map.put(names, name, {pid, Process.monitor(pid)})}
    end
  end

  def handle_call({:unregister, name}, _from, names) do
    case Map.pop(names, name) do
      {{_, ref}, rest} ->
        Process.demonitor(ref, [:flush])
        {:reply, :ok, rest}

      {nil, _} ->
        {:reply, :ok, names}
    end
  end

  def handle_call({:whereis, name}, _from, names) do
    case Map.fetch(names, name) do
      {:ok, {pid, _}} -> {:reply, pid, names}
      :error -> {:reply, :undefined, names}
    end
  end

  def handle_call(:names, _from, names), do: {:reply, Map.keys(names), names}

  def handle_info({:DOWN, ref, :process, _, _}, names) do
    {:noreply, names |> Enum.reject(fn {_, {_, r}} -> r == ref end) |> Map.new()}
  end
end
