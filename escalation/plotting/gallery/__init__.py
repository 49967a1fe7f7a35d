"""The figures of the paper, one module each; :mod:`escalation.figures` registers them.

Each module builds its game with the package's builder, solves it with the
package's solvers and draws it with :mod:`escalation.plotting`; no number in a
figure is typed in by hand except the model's own payoffs.
"""
