# Application: a module with `use Application` and start/2 returning
# {:ok, top_sup_pid} is an application, named by the module itself (a
# script has no .app file). Application.start/2 runs start/2 in an
# application master process that traps exits, as OTP's does: the top
# supervisor is linked to the master, not to the caller, so a tree that
# gives up stops its application (reported on stderr) without taking the
# caller down. The master tells the top process it is an application's
# root ({:"$mote_app", app}, handled by GenServer's loop), which calls
# :mote.app_register for the observer.
#
# Started applications and application environments live in one
# controller process (registered :mote_app_controller), started on first
# use and never linked to anyone.
defmodule Application do
  # ---- starting and stopping ------------------------------------------

  def start(app, type \\ :temporary) when is_atom(app) do
    case controller_call({:start, app, type}) do
      :ok -> :ok
      {:error, _} = err -> err
    end
  end

  def stop(app) when is_atom(app), do: controller_call({:stop, app})

  def ensure_started(app, type \\ :temporary) when is_atom(app) do
    case start(app, type) do
      :ok -> :ok
      {:error, {:already_started, ^app}} -> :ok
      err -> err
    end
  end

  def ensure_all_started(app, type \\ :temporary) when is_atom(app) do
    case start(app, type) do
      :ok -> {:ok, [app]}
      {:error, {:already_started, ^app}} -> {:ok, []}
      {:error, reason} -> {:error, {app, reason}}
    end
  end

  # The applications a script always runs with, as Elixir 1.14 on OTP 25
  # lists them: they count as started and cannot be started again.
  @builtin [
    {:logger, 'logger', '1.14.0'},
    {:elixir, 'elixir', '1.14.0'},
    {:compiler, 'ERTS  CXC 138 10', '8.2.3'},
    {:stdlib, 'ERTS  CXC 138 10', '4.2'},
    {:kernel, 'ERTS  CXC 138 10', '8.5.3'}
  ]

  @doc false
  def builtin?(app), do: List.keymember?(@builtin, app, 0)

  def started_applications(_timeout \\ 5000) do
    Enum.map(controller_call(:started), fn app -> {app, to_charlist(inspect(app)), '0.0.0'} end) ++ @builtin
  end

  # ---- environment -----------------------------------------------------

  def get_env(app, key, default \\ nil) do
    case fetch_env(app, key) do
      {:ok, v} -> v
      :error -> default
    end
  end

  def fetch_env(app, key), do: controller_call({:fetch_env, app, key})

  def fetch_env!(app, key) do
    case fetch_env(app, key) do
      {:ok, v} ->
        v

      :error ->
        raise ArgumentError,
              "could not fetch application environment #{inspect(key)} for application " <>
                "#{inspect(app)} because the application was not loaded nor configured"
    end
  end

  def put_env(app, key, value, _opts \\ []), do: controller_call({:put_env, app, key, value})
  def delete_env(app, key, _opts \\ []), do: controller_call({:delete_env, app, key})
  def get_all_env(app), do: controller_call({:all_env, app})

  def put_all_env(config, _opts \\ []) do
    Enum.each(config, fn {app, kv} -> Enum.each(kv, fn {k, v} -> put_env(app, k, v) end) end)
  end

  # ---- the controller --------------------------------------------------

  defp controller_call(req) do
    GenServer.call(controller(), req, :infinity)
  end

  defp controller, do: GenServer.singleton(Application.Controller, :mote_app_controller)
end

defmodule Application.Controller do
  @moduledoc false

  def init(nil) do
    Process.flag(:trap_exit, true)
    {:ok, %{apps: %{}, order: [], env: %{}}}
  end

  def handle_call({:start, app, type}, _from, s) do
    cond do
      Map.has_key?(s.apps, app) or Application.builtin?(app) ->
        {:reply, {:error, {:already_started, app}}, s}

      # What Elixir answers for an application it has no .app file for.
      not function_exported?(app, :start, 2) ->
        {:reply, {:error, {'no such file or directory', to_charlist(Atom.to_string(app) <> ".app")}}, s}

      true ->
        case Application.Master.start(app, type) do
          {:ok, master} -> {:reply, :ok, %{s | apps: Map.put(s.apps, app, master), order: [app | s.order]}}
          {:error, _} = err -> {:reply, err, s}
        end
    end
  end

  def handle_call({:stop, app}, _from, s) do
    case Map.fetch(s.apps, app) do
      :error ->
        {:reply, {:error, {:not_started, app}}, s}

      {:ok, master} ->
        Application.Master.stop(master)
        {:reply, :ok, %{s | apps: Map.delete(s.apps, app), order: List.delete(s.order, app)}}
    end
  end

  def handle_call(:started, _from, s), do: {:reply, s.order, s}

  def handle_call({:fetch_env, app, key}, _from, s),
    do: {:reply, Map.fetch(Map.get(s.env, app, %{}), key), s}

  def handle_call({:put_env, app, key, value}, _from, s),
    do: {:reply, :ok, %{s | env: Map.update(s.env, app, %{key => value}, &Map.put(&1, key, value))}}

  def handle_call({:delete_env, app, key}, _from, s),
    do: {:reply, :ok, %{s | env: Map.update(s.env, app, %{}, &Map.delete(&1, key))}}

  def handle_call({:all_env, app}, _from, s),
    do: {:reply, Map.to_list(Map.get(s.env, app, %{})), s}

  # A master that ends on its own: its application exited.
  def handle_info({:EXIT, pid, _reason}, s) do
    gone = for {app, m} <- s.apps, m == pid, do: app
    {:noreply, %{s | apps: Map.drop(s.apps, gone), order: s.order -- gone}}
  end

  def handle_info(_msg, s), do: {:noreply, s}
end

defmodule Application.Master do
  @moduledoc false

  # Spawned linked to the controller; answers {:ok, master} once start/2
  # returned, or {:error, reason}.
  def start(app, type) do
    parent = self()
    tag = make_ref()
    pid = spawn_link(fn -> run(parent, tag, app, type) end)

    receive do
      {^tag, :ok} ->
        {:ok, pid}

      {^tag, {:error, reason}} ->
        receive do
          {:EXIT, ^pid, _} -> :ok
        end

        {:error, reason}
    end
  end

  def stop(master) do
    ref = Process.monitor(master)
    send(master, {:"$mote_app_stop", self()})

    receive do
      {:DOWN, ^ref, _, _, _} -> :ok
    end

    receive do
      {:EXIT, ^master, _} -> :ok
    after
      0 -> :ok
    end
  end

  defp run(parent, tag, app, type) do
    Process.flag(:trap_exit, true)

    result =
      try do
        app.start(:normal, [])
      catch
        :error, e -> {:EXIT, {e, __STACKTRACE__}}
        :exit, r -> {:EXIT, r}
      end

    case result do
      {:ok, pid} when is_pid(pid) -> started(parent, tag, app, type, pid, [])
      {:ok, pid, state} when is_pid(pid) -> started(parent, tag, app, type, pid, state)
      other -> send(parent, {tag, {:error, {:bad_return, {{app, :start, [:normal, []]}, other}}}})
    end
  end

  defp started(parent, tag, app, type, sup, state) do
    send(sup, {:"$mote_app", app})
    send(parent, {tag, :ok})
    loop(app, type, sup, state)
  end

  defp loop(app, type, sup, state) do
    receive do
      {:"$mote_app_stop", _from} ->
        state = if function_exported?(app, :prep_stop, 1), do: app.prep_stop(state), else: state
        stop_sup(sup)
        if function_exported?(app, :stop, 1), do: app.stop(state)
        GenServer.report_info("Application #{app_name(app)} exited: :stopped")

      {:EXIT, ^sup, reason} ->
        if function_exported?(app, :stop, 1), do: app.stop(state)
        GenServer.report_info("Application #{app_name(app)} exited: shutdown")
        _ = reason
        _ = type

      _ ->
        loop(app, type, sup, state)
    end
  end

  defp app_name(app), do: inspect(app)

  defp stop_sup(sup) do
    ref = Process.monitor(sup)
    Process.exit(sup, :shutdown)

    receive do
      {:DOWN, ^ref, _, _, _} -> :ok
    end
  end
end

# :erlang.apply/2,3 as functions, so they can be named in an MFA (Task's
# {:erlang, :apply, [fun, args]}) and called remotely; the compiler's own
# apply handles the direct calls.
defmodule :erlang do
  def apply(fun, args), do: apply(fun, args)
  def apply(m, f, args), do: apply(m, f, args)

  # process_info/1,2 go through Process.info (process.ex), which asks
  # another process for what only it may read (its messages, dictionary,
  # group leader); Erlang's answers differ only in :undefined for a dead
  # process and a bare [] for an unregistered :registered_name.
  def process_info(pid) when is_pid(pid), do: erl_info(Process.info(pid))
  def process_info(pid), do: Process.__info__(pid, [])

  def process_info(pid, :registered_name) when is_pid(pid) do
    case Process.info(pid, :registered_name) do
      {:registered_name, []} -> []
      other -> erl_info(other)
    end
  end

  def process_info(pid, spec), do: erl_info(Process.info(pid, spec))

  defp erl_info(nil), do: :undefined
  defp erl_info(items), do: items

  # A few more :erlang functions scripts call, over the language's own:
  # md5 (erl_crypto.ex), CRC-32 (IEEE, reflected), fun_info/1 from the
  # fun_info/2 items mote answers, bitstring_to_list.
  def md5(data), do: :crypto.hash(:md5, data)

  # phash/2: OTP's old term hash, 1..range (erl_sets.ex has it for :sets
  # and :dict).
  def phash(term, range) when is_integer(range) and range > 0 and range <= 4_294_967_296,
    do: :mote_erl_hash.phash(term, range)

  # erts names the 1st argument for a bad range
  def phash(_, range) do
    why = if is_integer(range), do: "out of range", else: "not an integer"
    raise ArgumentError, "errors were found at the given arguments:\n\n  * 1st argument: #{why}\n"
  end

  def crc32(data), do: crc32(0, data)

  def crc32(crc, data) do
    import Bitwise
    c =
      for <<b <- IO.iodata_to_binary(data)>>, reduce: bxor(crc, 0xFFFFFFFF) do
        c ->
          Enum.reduce(1..8, bxor(c, b), fn _, c ->
            if band(c, 1) == 1, do: bxor(c >>> 1, 0xEDB88320), else: c >>> 1
          end)
      end
    bxor(c, 0xFFFFFFFF)
  end

  def fun_info(fun) when is_function(fun) do
    for item <- [:pid, :module, :name, :arity, :env, :type],
        info = (try do
                  :erlang.fun_info(fun, item)
                rescue
                  _ -> nil
                end),
        info != nil,
        do: info
  end

  def bitstring_to_list(bits) when is_bitstring(bits), do: bits_list(bits)

  defp bits_list(<<>>), do: []
  defp bits_list(<<b, rest::bitstring>>), do: [b | bits_list(rest)]
  defp bits_list(tail), do: [tail]
end
