"""A tiny arithmetic evaluator for derived table columns: numbers, column names, + - * /."""

from __future__ import annotations

import ast
import operator
from collections.abc import Mapping

_BINARY = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
           ast.Div: operator.truediv}
_UNARY = {ast.USub: operator.neg, ast.UAdd: operator.pos}


class ExpressionError(ValueError):
    """An expression uses something other than arithmetic on known column names."""


def compile_expression(text: str, names: set[str],
                       other_columns: dict[str, str] | None = None) -> ast.Expression:
    """Parse and check an expression once; `evaluate` then runs it per row.

    `names` are the numeric columns it may use; `other_columns` (name: type) are columns it
    may not, named as such in the error rather than as unknown.
    """
    try:
        tree = ast.parse(str(text), mode="eval")
    except SyntaxError:
        raise ExpressionError(f"cannot read expression '{text}'") from None
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            if node.id in (other_columns or {}) and node.id not in names:
                raise ExpressionError(f"column '{node.id}' in '{text}' is not numeric "
                                      f"(its type is {other_columns[node.id]})")
            if node.id not in names:
                raise ExpressionError(f"unknown column '{node.id}' in '{text}'")
        elif isinstance(node, ast.Constant):
            if not isinstance(node.value, (int, float)) or isinstance(node.value, bool):
                raise ExpressionError(f"only numbers and column names are allowed in '{text}'")
        elif not isinstance(node, (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Load,
                                   *_BINARY, *_UNARY)):
            raise ExpressionError(f"only + - * / and parentheses are allowed in '{text}'")
    return tree


def evaluate(tree: ast.Expression, values: Mapping[str, float | None]) -> float | None:
    """The value for one row; None when an input is missing or a division is by zero."""

    def run(node: ast.AST) -> float | None:
        if isinstance(node, ast.Expression):
            return run(node.body)
        if isinstance(node, ast.Constant):
            return float(node.value)
        if isinstance(node, ast.Name):
            value = values[node.id]
            return None if value is None else float(value)
        if isinstance(node, ast.UnaryOp):
            operand = run(node.operand)
            return None if operand is None else _UNARY[type(node.op)](operand)
        if isinstance(node, ast.BinOp):
            left, right = run(node.left), run(node.right)
            if left is None or right is None:
                return None
            if isinstance(node.op, ast.Div) and right == 0:
                return None
            return _BINARY[type(node.op)](left, right)
        raise ExpressionError("unsupported expression")  # unreachable after compile

    return run(tree)
