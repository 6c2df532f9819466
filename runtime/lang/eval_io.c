/* eval_io.c — the shell's I/O server: a native process that speaks the
 * Erlang I/O protocol (mote_io_server_start in mote.h).
 *
 * A client sends {:io_request, from, ref, request} to its group leader and
 * gets exactly one {:io_reply, ref, reply} back. Output requests
 * (put_chars, with or without an encoding, and {:requests, list}) are
 * written to the host's stdout in arrival order; input requests answer
 * {:error, :enotsup} because the line editor owns the terminal. Anything
 * else is answered {:error, :request}, as the protocol says, so a client
 * never waits forever on us.
 */
#include <stdio.h>
#include <string.h>

#include "mote.h"

/* Appends chardata (a binary, a code point, or a nested list of them) to
 * out as UTF-8. false when it is not chardata or too deep. */
static bool put_chardata(mote_term t, FILE *out, int depth)
{
    const void *bytes;
    size_t len;
    int64_t cp;
    mote_term head, tail;
    if (depth > 64)
        return false;
    if (mote_get_binary(t, &bytes, &len) == 0)
        return fwrite(bytes, 1, len, out) == len || len == 0;
    if (mote_get_int(t, &cp) == 0) {
        if (cp < 0 || cp > 0x10FFFF)
            return false;
        char u[4];
        size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        static const unsigned char lead[5] = {0, 0, 0xC0, 0xE0, 0xF0};
        for (size_t i = n; i-- > 1; cp >>= 6)
            u[i] = (char)(0x80 | (cp & 0x3F));
        u[0] = (char)(lead[n] | cp);
        return fwrite(u, 1, n, out) == n;
    }
    while (mote_get_cons(t, &head, &tail) == 0) {
        if (!put_chardata(head, out, depth + 1))
            return false;
        t = tail;
    }
    return mote_type_of(t) == MOTE_T_NIL || put_chardata(t, out, depth + 1);
}

/* The reply to one request (built in env). */
static mote_term handle_request(mote_env *env, mote_term req, int depth)
{
    size_t n;
    const mote_term *el;
    if (mote_get_tuple(req, &n, &el) != 0 || n == 0 || depth > 8)
        goto bad;
    if (mote_is_atom(el[0], "put_chars") && (n == 2 || n == 3)) {
        bool ok = put_chardata(el[n - 1], stdout, 0);
        fflush(stdout);
        if (ok)
            return mote_atom(env, "ok");
        mote_term e[2] = {mote_atom(env, "error"), mote_atom(env, "put_chars")};
        return mote_tuple(env, 2, e);
    }
    if (mote_is_atom(el[0], "requests") && n == 2) {
        mote_term r = mote_atom(env, "ok"), head, t = el[1];
        while (mote_get_cons(t, &head, &t) == 0) {
            r = handle_request(env, head, depth + 1);
            if (!mote_is_atom(r, "ok"))
                return r;
        }
        return r;
    }
    if (mote_is_atom(el[0], "get_line") || mote_is_atom(el[0], "get_chars") ||
        mote_is_atom(el[0], "get_until") || mote_is_atom(el[0], "get_password")) {
        mote_term e[2] = {mote_atom(env, "error"), mote_atom(env, "enotsup")};
        return mote_tuple(env, 2, e);
    }
    if (mote_is_atom(el[0], "setopts"))
        return mote_atom(env, "ok");
    if (mote_is_atom(el[0], "getopts"))
        return mote_nil();
bad:;
    mote_term e[2] = {mote_atom(env, "error"), mote_atom(env, "request")};
    return mote_tuple(env, 2, e);
}

static int io_handle(mote_proc *self, void *state, mote_term msg)
{
    (void)state;
    size_t n;
    const mote_term *el;
    mote_pid from;
    if (mote_get_tuple(msg, &n, &el) != 0 || n != 4 || !mote_is_atom(el[0], "io_request") ||
        mote_get_pid(el[1], &from) != 0)
        return MOTE_OK; /* not for us: dropped, as a stray message would be */
    mote_env *env = mote_env_of(self);
    mote_term reply[3] = {mote_atom(env, "io_reply"), el[2], handle_request(env, el[3], 0)};
    mote_send(env, from, mote_tuple(env, 3, reply));
    return MOTE_OK;
}

static const mote_proc_class io_class = {.name = "mote_io_server", .handle = io_handle};

MOTE_API int mote_io_server_start(mote_rt *rt, mote_pid *out)
{
    if (rt == NULL || out == NULL)
        return MOTE_EINVAL;
    return mote_spawn(rt, NULL, &io_class, NULL, NULL, out);
}
