"""A figure's role (level, target, change, completion, baseline) from the rule table ``role_rules.csv``.

Each rule says which cue makes which role, where the cue is looked for (its *scope*) and what
must or must not stand beside it. Rules are tried in ``order``; the first that fires wins, and the
last (``level``) always fires. The scopes, all read on the width-folded working copy:

* ``unit``: the figure's canonical unit or unit kind (``percentage_points``, ``pp``, ``percent``);
* ``before``: the words right before the number, inside its clause (about 14 characters);
* ``clause``: the figure's clause, from the last comma or stop before it to a few characters after;
* ``sentence_before``: the sentence from its start up to the figure;
* ``sentence``: the whole sentence;
* ``period_before``: from the last full stop (。！？ or a line end; not ；) up to the figure, so that the words opening
  a run of clauses split by ； govern them (《…规划》提出，…；…率达到75%);
* ``after``: the words right after the figure, to the end of its sentence;
* ``lead``: the line that opens the list the figure's line is an item of (主要目标： above 1、… 2、…), else empty;
* ``section``: ``plan`` when the figure stands in a plan section (by its heading) or a plan, else empty;
* ``any``: always.

A document's kind enters only through ``section``: it is a weak prior, never stronger than the
figure's own clause. Role ``change`` becomes ``change_pct`` for a percent and ``change_abs`` otherwise.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..core import catalog
from .alternation import AnyOf, joined

SCOPES = {"unit", "before", "clause", "sentence_before", "sentence", "period_before", "after", "lead", "section", "any"}
ROLES = {"level", "target", "change", "change_pp", "completion", "baseline"}


@dataclass(frozen=True)
class RoleRule:
    order: int
    role: str
    scope: str
    cue: re.Pattern | None
    require_scope: str
    require: re.Pattern | None
    unless_scope: str
    unless: re.Pattern | None
    comment: str

    def fires(self, ctx: dict[str, str]) -> bool:
        if self.cue is not None and not self.cue.search(ctx[self.scope]):
            return False
        if self.require is not None and not self.require.search(ctx[self.require_scope]):
            return False
        return not (self.unless is not None and self.unless.search(ctx[self.unless_scope]))



@lru_cache(maxsize=1)
def rules(path: Path | None = None) -> tuple[RoleRule, ...]:
    """The rule table, checked: known roles and scopes, a scope beside every condition, a comment per rule."""
    out = []
    for where, r in catalog.rule_rows("role_rules.csv", path=path):
        if r["role"] not in ROLES:
            raise ValueError(f"{where}: unknown role {r['role']!r} (one of {', '.join(sorted(ROLES))})")
        for col in ("scope", "require_scope", "unless_scope"):
            if r[col] and r[col] not in SCOPES:
                raise ValueError(f"{where}: unknown {col} {r[col]!r} (one of {', '.join(sorted(SCOPES))})")
        for cond, sc in (("require", "require_scope"), ("unless", "unless_scope")):
            if r[cond] and not r[sc]:
                raise ValueError(f"{where}: {cond} without {sc}")
        out.append(RoleRule(int(r["order"]), r["role"], r["scope"], catalog.rule_rx(where, r["cue"]), r["require_scope"],
                            catalog.rule_rx(where, r["require"]), r["unless_scope"], catalog.rule_rx(where, r["unless"]),
                            r["comment"]))
    out.sort(key=lambda x: x.order)
    if not out or out[-1].role != "level" or out[-1].cue is not None:
        raise ValueError(f"{path.name}: the last rule must be the default 'level' with no cue")
    return tuple(out)


def cue_of(role: str, scope: str = "before") -> re.Pattern:
    """One pattern for the cues of ``role`` in ``scope`` (the extractor's list logic asks 'is this a change word?')."""
    parts = [r.cue.pattern for r in rules() if r.role == role and r.scope == scope and r.cue is not None]
    if not parts:
        raise ValueError(f"role_rules.csv has no {scope} cue for role {role!r}")
    return re.compile("|".join(f"(?:{p})" for p in dict.fromkeys(parts)))


def decide(ctx: dict[str, str]) -> tuple[str, int]:
    """(role, order of the rule that decided it) for one figure's contexts (keys: the scopes)."""
    table = rules()
    if _ANY_CUE[0] is not table:
        _ANY_CUE[:] = [table, _any_cue(table), {}, {}]
    any_cue, by_hits, closed = _ANY_CUE[1], _ANY_CUE[2], _ANY_CUE[3]
    # Which scopes hold a cue of any rule: a rule whose scope holds none cannot fire, so only the others are tried.
    hit = []
    for scope, any_of in any_cue.items():
        v = ctx[scope]
        if scope in CLOSED_SCOPES:
            h = closed.get((scope, v))
            if h is None:
                h = closed[scope, v] = any_of.found(v)
        else:
            h = any_of.found(v)
        if h:
            hit.append(scope)
    hits = frozenset(hit)
    tried = by_hits.get(hits)
    if tried is None:
        tried = by_hits[hits] = tuple(r for r in table if r.cue is None or r.scope not in any_cue or r.scope in hits)
    for r in tried:
        if r.fires(ctx):
            return r.role, r.order
    return "level", 0  # pragma: no cover - the table ends with the default rule


#: (the rule table, {scope: one test for all the cues of that scope}, {scopes that hold a cue: the rules to try},
#: {(closed scope, value): holds a cue}) — most figures are levels that no cue of a scope matches, so one search
#: per scope decides what the table's twenty-odd searches would.
_ANY_CUE: list = [None, {}, {}, {}]

#: Scopes whose values come from a small closed set (a unit and its kind, plan or not): each value is tested once.
CLOSED_SCOPES = frozenset({"unit", "section", "any"})


def _any_cue(table: tuple[RoleRule, ...]) -> dict[str, AnyOf]:
    out = {}
    for scope in {r.scope for r in table if r.cue is not None}:
        any_of = joined([r.cue.pattern for r in table if r.scope == scope and r.cue is not None])
        if any_of is not None:  # else this scope's rules are each tested on their own
            out[scope] = any_of
    return out


def resolve(role: str, unit: str) -> str:
    """A change is in percent (change_pct) or in the figure's own unit (change_abs)."""
    if role == "change":
        return "change_pct" if unit == "percent" else "change_abs"
    return role
