# A monitor or link set up right after exit(pid, reason) killed pid sees it
# dead, as the BEAM orders the two signals: DOWN :noproc, and {:EXIT, pid,
# :noproc} for a trapping linker (outputs from elixir 1.14 / OTP 25).
defmodule K do
  def idle, do: spawn(fn -> receive do _ -> :ok end end)

  def down(pid) do
    ref = Process.monitor(pid)
    receive do
      {:DOWN, ^ref, :process, ^pid, reason} -> reason
    end
  end

  def exit_msg(pid) do
    receive do
      {:EXIT, ^pid, reason} -> {:exit, reason}
    after 1000 -> :no_exit
    end
  end
end
pid = K.idle()
Process.exit(pid, :kill)
IO.inspect K.down(pid)
pid = K.idle()
Process.exit(pid, :boom)
IO.inspect K.down(pid)
pid = spawn(fn -> Process.flag(:trap_exit, true); receive do _ -> :ok end end)
Process.exit(pid, :kill)
IO.inspect K.down(pid)
pid = K.idle()
Process.exit(pid, :kill)
Process.flag(:trap_exit, true)
IO.inspect(Process.link(pid))
IO.inspect K.exit_msg(pid)
pid = K.idle()
Process.exit(pid, :boom)
IO.inspect(Process.link(pid))
IO.inspect K.exit_msg(pid)
Process.flag(:trap_exit, false)
pid = K.idle()
send(pid, :go)
IO.inspect K.down(pid)

# expect: :noproc
# expect: :noproc
# expect: :noproc
# expect: true
# expect: {:exit, :noproc}
# expect: true
# expect: {:exit, :noproc}
# expect: :normal
