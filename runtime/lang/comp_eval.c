/* comp_eval.c — the REPL's top level for the compiler (comp_eval, comp.h).
 *
 * An input becomes a function whose arguments are the variables earlier
 * inputs bound, in the order the caller names them, and which returns
 * {value, v1, ..., vk}: the input's value followed by every variable
 * still visible at its end. The evaluator keeps that tuple's tail and
 * passes it back as the arguments of the next input, which is how
 * bindings persist while each input stays an ordinary compiled function.
 */
#include <string.h>

#include "atom.h"
#include "comp_int.h"

void comp_eval_enter(Comp *c, FnB *f, CompEval *ev)
{
    /* Arguments occupy the first slots, in order, so binding them first
     * gives slot i to names[i]. */
    for (uint32_t i = 0; i < ev->nnames; i++)
        bind_var(c, f, ev->names[i], (uint32_t)strlen(ev->names[i]));
    f->nargs = ev->nnames;
    if (ev->import != NONE) {
        ModB *mb = f->mb;
        mb->imports = comp_grow(c, mb->imports, &mb->capimports, sizeof *mb->imports,
                                mb->nimports + 1);
        mb->imports[mb->nimports++] = ev->import;
    }
}

/* True when an earlier entry than i has the same name as vars[i] but a
 * later one shadows it: only the innermost binding of a name is kept. */
static bool shadowed(const FnB *f, uint32_t i)
{
    for (uint32_t j = i + 1; j < f->nvars; j++)
        if (f->vars[j].len == f->vars[i].len &&
            memcmp(f->vars[j].name, f->vars[i].name, f->vars[i].len) == 0)
            return true;
    return false;
}

/* Capture arguments (&1) and the bare underscore are not bindings. */
static bool is_binding(const Var *v)
{
    return v->len > 0 && v->name[0] != '&' && !(v->len == 1 && v->name[0] == '_');
}

void comp_eval_leave(Comp *c, FnB *f, CompEval *ev)
{
    size_t used = 0;
    ev->nout = 0;
    for (uint32_t i = 0; i < f->nvars && ev->nout < EVAL_MAX_VARS; i++) {
        const Var *v = &f->vars[i];
        if (!is_binding(v) || shadowed(f, i) || used + v->len + 1 > sizeof ev->out_text)
            continue;
        char *dst = ev->out_text + used;
        memcpy(dst, v->name, v->len);
        dst[v->len] = '\0';
        used += v->len + 1;
        ev->out_names[ev->nout++] = dst;
        emit_slot_op(c, f, OPC_LOAD, v->slot);
    }
    emit_op(c, f, OPC_TUPLE, -(int)ev->nout);
    emit(c, f, ev->nout + 1);
    emit_op(c, f, OPC_RET, 0);
}
