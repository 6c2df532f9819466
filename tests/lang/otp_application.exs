# mote's script applications: a module with `use Application` whose
# start/2 returns the top supervisor is started and stopped by name
# (Elixir needs a .app file for this; the semantics are OTP's).
defmodule W do
  use GenServer
  def start_link(name), do: GenServer.start_link(__MODULE__, name, name: name)
  def init(name), do: {:ok, name}
  def handle_call(:ping, _from, s), do: {:reply, {:pong, s}, s}
end

defmodule MyApp do
  use Application

  def start(:normal, []) do
    Supervisor.start_link([{W, :w1}], strategy: :one_for_one, name: MyApp.Sup, max_restarts: 0)
  end

  def stop(_state), do: send(:tester, :stop_called)
end

defmodule NoApp do
end

Process.register(self(), :tester)
IO.inspect(Application.start(MyApp))
IO.inspect(Application.start(MyApp))
IO.inspect(GenServer.call(:w1, :ping))
IO.inspect(Application.ensure_all_started(MyApp))
IO.inspect(Application.ensure_started(MyApp))
IO.inspect(Application.started_applications() |> Enum.map(&elem(&1, 0)))
IO.inspect(Application.stop(MyApp))
receive do: (:stop_called -> IO.puts("MyApp.stop/1 called"))
IO.inspect({Process.whereis(MyApp.Sup), Process.whereis(:w1)})
IO.inspect(Application.stop(MyApp))
IO.inspect(Application.start(NoApp) |> elem(0))

# A tree that gives up stops its application, not the caller.
IO.inspect(Application.ensure_all_started(MyApp))
ref = Process.monitor(Process.whereis(MyApp.Sup))
Process.exit(Process.whereis(:w1), :kill)
receive do: ({:DOWN, ^ref, _, _, r} -> IO.inspect({:top_supervisor_exit, r}))
receive do: (:stop_called -> IO.puts("MyApp.stop/1 called"))
IO.puts("caller still running")

Application.put_env(:my_app, :port, 4000)
IO.inspect(Application.get_env(:my_app, :port))
IO.inspect(Application.fetch_env(:my_app, :host))
IO.inspect(Application.get_env(:my_app, :host, "localhost"))
Application.delete_env(:my_app, :port)
IO.inspect(Application.get_all_env(:my_app))

# Unknown applications and failing starts answer as Elixir's do.
defmodule BadApp do
  use Application
  def start(_, _), do: {:error, :nope}
end

IO.inspect(Application.start(BadApp))
IO.inspect(Application.ensure_all_started(BadApp))
IO.inspect(Application.ensure_all_started(:logger))
IO.inspect(Application.start(:foo))
IO.inspect(Application.ensure_all_started(:foo))
IO.inspect(Application.stop(:foo))

# expect: :ok
# expect: {:error, {:already_started, MyApp}}
# expect: {:pong, :w1}
# expect: {:ok, []}
# expect: :ok
# expect: [MyApp, :logger, :elixir, :compiler, :stdlib, :kernel]
# expect: :ok
# expect: MyApp.stop/1 called
# expect: {nil, nil}
# expect: {:error, {:not_started, MyApp}}
# expect: :error
# expect: {:ok, [MyApp]}
# expect: {:top_supervisor_exit, :shutdown}
# expect: MyApp.stop/1 called
# expect: caller still running
# expect: 4000
# expect: :error
# expect: "localhost"
# expect: []
# expect: {:error, {:bad_return, {{BadApp, :start, [:normal, []]}, {:error, :nope}}}}
# expect: {:error,
# expect:  {BadApp, {:bad_return, {{BadApp, :start, [:normal, []]}, {:error, :nope}}}}}
# expect: {:ok, []}
# expect: {:error, {'no such file or directory', 'foo.app'}}
# expect: {:error, {:foo, {'no such file or directory', 'foo.app'}}}
# expect: {:error, {:not_started, :foo}}
