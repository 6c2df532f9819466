#!/usr/bin/env python3
"""repl_pty.py MOTE — drives the real `mote` shell in a pseudo-terminal and
types as a person would: the Checks list of the REPL issue. Each check
starts a fresh shell with its own history directory; a check fails when
the expected text does not appear within its time limit (limits are
generous: they bound a hang, they do not measure speed)."""
import os
import pty
import re
import select
import signal
import sys
import tempfile
import time

MOTE = os.path.abspath(sys.argv[1])
failures = []


class Shell:
    def __init__(self, state_dir, cwd):
        env = dict(os.environ, XDG_STATE_HOME=state_dir, NO_COLOR="1", TERM="xterm",
                   HOME=cwd, INPUTRC="/dev/null")
        pid, fd = pty.fork()
        if pid == 0:
            try:
                os.chdir(cwd)
                os.execve(MOTE, [MOTE], env)
            finally:
                os._exit(127)
        self.pid, self.fd, self.out = pid, fd, ""

    @classmethod
    def started(cls, state_dir, cwd):
        """A new shell, once its first prompt is up (how most checks begin)."""
        sh = cls(state_dir, cwd)
        sh.read_until(r"mote\(1\)> ")
        return sh

    def read_until(self, pattern, timeout=10.0):
        end = time.time() + timeout
        rx = re.compile(pattern)
        while time.time() < end:
            m = rx.search(self.out)
            if m:
                seen = self.out[:m.end()]
                self.out = self.out[m.end():]
                return seen
            r, _, _ = select.select([self.fd], [], [], 0.05)
            if r:
                try:
                    data = os.read(self.fd, 4096)
                except OSError:
                    break
                if not data:
                    break
                self.out += data.decode("utf-8", "replace")
        raise AssertionError("did not see %r; got %r" % (pattern, self.out[-400:]))

    def type(self, text):
        for ch in text:
            os.write(self.fd, ch.encode())
            time.sleep(0.005)

    def enter(self, line, pattern, timeout=10.0):
        """Types line and Enter, then waits for pattern (see read_until)."""
        self.type(line + "\r")
        return self.read_until(pattern, timeout)

    def close(self):
        try:
            os.write(self.fd, b"\x04")
            end = time.time() + 5
            while time.time() < end:
                pid, _ = os.waitpid(self.pid, os.WNOHANG)
                if pid:
                    return
                time.sleep(0.02)
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except OSError:
            pass


def check(name):
    def wrap(fn):
        state, cwd = tempfile.mkdtemp(), tempfile.mkdtemp()
        try:
            fn(state, cwd)
            print("ok   %s" % name)
        except AssertionError as e:
            print("FAIL %s: %s" % (name, e))
            failures.append(name)
        return fn
    return wrap


@check("multi_line_defmodule_continues_and_defines")
def _(state, cwd):
    sh = Shell.started(state, cwd)
    sh.enter("defmodule Greet do", r"\.\.\.\(1\)> ")
    sh.enter("  def hi(n), do: \"hi #{n}\"", r"\.\.\.\(1\)> ")
    sh.enter("end", r"mote\(2\)> ")
    sh.enter("Greet.hi(3)", r'"hi 3"')
    sh.close()


@check("history_is_recalled_in_the_next_session")
def _(state, cwd):
    sh = Shell.started(state, cwd)
    sh.enter(":remember_me_42", r"mote\(2\)> ")
    sh.close()
    sh = Shell.started(state, cwd)
    sh.enter("\x1b[A", r":remember_me_42\r\n(\x1b\[\?2004l\r)?:remember_me_42")
    sh.close()


@check("tab_completes_enum_ma")
def _(state, cwd):
    sh = Shell.started(state, cwd)
    sh.type("Enum.ma\t\t")
    sh.read_until(r"Enum\.map")
    sh.type("\x15\r")  # Ctrl+U: drop the line
    sh.close()


@check("ctrl_c_interrupts_an_endless_loop_and_keeps_bindings")
def _(state, cwd):
    sh = Shell.started(state, cwd)
    sh.enter("kept = 7", r"mote\(2\)> ")
    sh.type("loop = fn f -> f.(f) end; loop.(loop)\r")
    time.sleep(0.5)
    os.write(sh.fd, b"\x03")
    sh.read_until(r"mote\(\d\)> ", timeout=5)
    sh.enter("kept + 1", r"\b8\b")
    sh.close()


@check("flush_shows_a_message_sent_to_self")
def _(state, cwd):
    sh = Shell.started(state, cwd)
    sh.enter("send(self(), :hi); flush()", r":hi\s*\r?\n:ok")
    sh.close()


@check("an_error_keeps_earlier_bindings")
def _(state, cwd):
    sh = Shell.started(state, cwd)
    sh.enter("a = 40", r"mote\(2\)> ")
    sh.enter("1 = 2", r"\*\* \(MatchError\) no match of right hand side value: 2")
    sh.read_until(r"mote\(3\)> ")
    sh.enter("a + 2", r"\b42\b")
    sh.close()


@check("a_killed_evaluator_is_replaced_with_bindings_kept")
def _(state, cwd):
    sh = Shell.started(state, cwd)
    sh.enter("b = 11", r"mote\(2\)> ")
    sh.enter("me = self(); spawn(fn -> Process.exit(me, :kill) end); Process.sleep(5000)", r"\*\* \(EXIT from evaluator\) :killed")
    sh.read_until(r"mote\(3\)> ")
    sh.enter("b * 2", r"\b22\b")
    sh.close()


@check("startup_file_is_evaluated_first")
def _(state, cwd):
    with open(os.path.join(cwd, ".mote.exs"), "w") as f:
        f.write("from_startup = 99\n")
    sh = Shell.started(state, cwd)
    sh.enter("from_startup + 1", r"\b100\b")
    sh.close()


@check("a_bracketed_paste_is_evaluated_as_typed")
def _(state, cwd):
    sh = Shell.started(state, cwd)
    os.write(sh.fd, b"\x1b[200~p1 = 3\rp2 = [\r  p1,\r  4]\r\x1b[201~\r")
    sh.read_until(r"[\r\n]3\r\n(.|\n)*\[3, 4\]")
    sh.enter("p2", r"\[3, 4\]")
    sh.close()


@check("a_spawned_process_inherits_the_shell_group_leader")
def _(state, cwd):
    sh = Shell.started(state, cwd)
    sh.enter("parent = self()", r"mote\(2\)> ")
    sh.enter("spawn(fn -> send(parent, {:gl, Process.group_leader()}) end); :ok", r"mote\(3\)> ")
    sh.enter("{:gl, gl} = receive do m -> m end; {gl == Process.group_leader(), is_pid(gl)}", r"\{true, true\}")
    sh.close()


@check("output_arriving_while_typing_is_printed_above_the_half_typed_line")
def _(state, cwd):
    sh = Shell.started(state, cwd)
    sh.enter("spawn(fn -> receive do :go -> IO.puts(\"late output\") end end) |> Process.register(:w)", r"mote\(2\)> ")
    sh.type("send(:w, :go) && 1 + 1\r")
    seen = sh.read_until(r"late output")
    if not re.search(r"\b2\r\n", seen + sh.read_until(r"mote\(3\)> ")):
        raise AssertionError("no result 2 in %r" % seen)
    sh.enter("spawn(fn -> Process.sleep(300); IO.puts(\"while typing\") end); :ok", r"mote\(4\)> ")
    sh.type("abc")
    sh.read_until(r"while typing\r\nmote\(4\)> abc")
    sh.enter("\x15:done", r":done")
    sh.close()


@check("ctrl_c_interrupts_a_receive_that_waits_forever")
def _(state, cwd):
    sh = Shell.started(state, cwd)
    sh.enter("kept = 3", r"mote\(2\)> ")
    sh.type("receive do :never_sent -> 1 end\r")
    time.sleep(0.5)
    os.write(sh.fd, b"\x03")
    sh.read_until(r"mote\(\d\)> ", timeout=5)
    sh.enter("kept * 5", r"\b15\b")
    sh.close()


@check("ctrl_c_twice_at_an_empty_prompt_exits")
def _(state, cwd):
    sh = Shell.started(state, cwd)
    os.write(sh.fd, b"\x03")
    sh.read_until(r"Ctrl\+C again")
    sh.read_until(r"mote\(1\)> ")
    os.write(sh.fd, b"\x03")
    end = time.time() + 10
    while time.time() < end:
        pid, _ = os.waitpid(sh.pid, os.WNOHANG)
        if pid:
            return
        time.sleep(0.02)
    os.kill(sh.pid, signal.SIGKILL)
    raise AssertionError("still running after two Ctrl+C")


@check("ctrl_r_finds_an_earlier_input")
def _(state, cwd):
    sh = Shell.started(state, cwd)
    sh.enter(":needle_1234", r"mote\(2\)> ")
    sh.enter(":other", r"mote\(3\)> ")
    sh.type("\x12needle")
    sh.read_until(r"reverse-i-search|bck:")
    sh.type("\x05\r")  # Ctrl+E ends the search (either editor), Enter runs the line
    sh.read_until(r"\r\n(\x1b\[\?2004l\r)?:needle_1234\r\n")
    sh.read_until(r"mote\(4\)> ")
    sh.close()


@check("tab_completes_atoms_variables_and_map_keys")
def _(state, cwd):
    sh = Shell.started(state, cwd)
    sh.enter("my_map = %{alpha_key: 1}", r"mote\(2\)> ")
    # Judged by the value of the completed line, which both line editors
    # (readline and libedit) echo differently. The editor completes before
    # it reads the keys typed after Tab, so no waiting is needed.
    sh.enter("my_m\t.alp\t", r"[\r\n]1\r\n")
    sh.read_until(r"mote\(3\)> ")
    sh.enter(":erla\t", r"[\r\n]:erlang\r\n")
    sh.type("\x15\r")
    sh.close()


@check("helpers_answer_as_in_iex")
def _(state, cwd):
    sh = Shell.started(state, cwd)
    sh.enter("h Enum.map", r"def map/2")
    sh.enter("i \"abc\"", r"Byte size")
    sh.enter("exports(Enum) |> is_nil()", r"map/2")
    sh.enter("runtime_info()", r"Schedulers")
    sh.enter("pwd()", re.escape(os.path.realpath(cwd)))
    sh.enter("21 * 2", r"\b42\b")
    sh.enter("v() + v(-1)", r"\b84\b")
    sh.close()


@check("two_shells_at_once_keep_every_history_entry")
def _(state, cwd):
    a, b = Shell(state, cwd), Shell(state, cwd)
    a.read_until(r"mote\(1\)> ")
    b.read_until(r"mote\(1\)> ")
    for i in range(3):
        a.type(":from_a_%d\r" % i)
        b.type(":from_b_%d\r" % i)
        a.read_until(r"mote\(%d\)> " % (i + 2))
        b.read_until(r"mote\(%d\)> " % (i + 2))
    b.type("System.halt()\r")
    end = time.time() + 10
    while time.time() < end and not os.waitpid(b.pid, os.WNOHANG)[0]:
        time.sleep(0.02)
    a.close()
    with open(os.path.join(state, "mote", "history")) as f:
        lines = f.read().splitlines()
    want = [":from_a_%d" % i for i in range(3)] + [":from_b_%d" % i for i in range(3)]
    want.append("System.halt()")
    missing = [w for w in want if w not in lines]
    if missing or len(lines) != len(want):
        raise AssertionError("history lines %r, missing %r" % (lines, missing))


@check("observer_opens_full_screen_and_q_returns_to_the_prompt")
def _(state, cwd):
    sh = Shell.started(state, cwd)
    sh.enter("spawn(fn -> receive do :go -> IO.puts(\"held back\") end end) |> Process.register(:held)", r"mote\(2\)> ")
    sh.type("observer()\r")
    sh.read_until(r"mote_io_serve", timeout=30)  # the I/O server's row
    sh.type("q")
    sh.read_until(r":ok\r\n", timeout=30)
    sh.read_until(r"mote\(3\)> ")
    sh.enter("send(:held, :go); :sent", r"held back")
    sh.close()


@check("io_gets_reads_a_line_from_the_terminal_and_ctrl_c_interrupts_it")
def _(state, cwd):
    sh = Shell.started(state, cwd)
    # The prompts are computed, so the echo of the typed line cannot be
    # taken for them.
    sh.enter("name = IO.gets(String.upcase(\"who? \"))", r"WHO\? ")
    sh.enter("Bob", r"\"Bob\\n\"")
    sh.read_until(r"mote\(2\)> ")
    sh.enter("IO.gets(String.upcase(\"again? \"))", r"AGAIN\? ")
    os.write(sh.fd, b"\x03")
    sh.read_until(r"mote\(\d\)> ", timeout=10)
    sh.enter("name", r"\"Bob\\n\"")
    sh.close()


@check("ctrl_d_exits")
def _(state, cwd):
    sh = Shell.started(state, cwd)
    os.write(sh.fd, b"\x04")
    end = time.time() + 5
    while time.time() < end:
        pid, _ = os.waitpid(sh.pid, os.WNOHANG)
        if pid:
            return
        time.sleep(0.02)
    os.kill(sh.pid, signal.SIGKILL)
    raise AssertionError("still running after Ctrl+D")


sys.exit(1 if failures else 0)
