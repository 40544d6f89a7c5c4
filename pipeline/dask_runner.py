"""Beam's DaskRunner with the translation newsbeam's pipeline needs: what ``--runner=DaskRunner``
runs.

In: a batch pipeline (global window) and Beam's ``DaskOptions`` (``--dask_client_address``, ...).
Out: the pipeline executed as one ``dask.distributed`` graph; errors in a task fail the run.

Beam 2.77's own DaskRunner (``apache_beam.runners.dask``) is a proof of concept that gets this
pipeline wrong in four ways, each fixed here:

- A ParDo with tagged outputs (``with_outputs``) puts every output into one bag, so the consumers
  of ``dead_letter`` also receive items (the ``KeyError: 'error'`` when counting dead letters).
  Here every ParDo emits ``(tag, value)`` pairs and each consumer takes only its own tag.
- Side inputs (``AsSingleton``, ``AsList``, ``AsIter``: WriteToText, CombineGlobally, the dedup
  stage) are handed to the DoFn unresolved (``'AsIter' object is not iterable``). Here each side
  input is a task dependency, computed once and passed to every bundle.
- Outputs of ``finish_bundle`` (``BatchElements``' last batch, file writers) were collected
  before ``finish_bundle`` ran, so they were lost.
- Only the graph of the last transform visited was computed, so branches not upstream of it (other
  sinks) never ran. Here every leaf is computed, in one ``compute`` call, so shared upstream
  tasks run once.

Not supported (refused while translating, never silently skipped): user state and timers,
primitives other than ParDo/GroupByKey/Flatten/Create/Reshuffle, non-global windows.
"""
from __future__ import annotations

import dataclasses
import logging
import typing as t
import uuid

from apache_beam import pvalue
from apache_beam.pipeline import AppliedPTransform, PipelineVisitor
from apache_beam.runners.common import Receiver
from apache_beam.runners.dask.dask_runner import DaskOptions, DaskRunnerResult
from apache_beam.runners.dask.dask_runner import DaskRunner as BeamDaskRunner
from apache_beam.transforms import core, userstate
from apache_beam.transforms.window import GlobalWindow, GlobalWindows
from apache_beam.utils.windowed_value import WindowedValue

from .worker import configure_worker_logging, runner_log_level

__all__ = ['DaskRunner', 'translate']

_GLOBAL = (GlobalWindow(),)


class _Collect(Receiver):
    """A Receiver that keeps ``(tag, value)`` of every output of one bundle."""

    def __init__(self, tag, out: list):
        super().__init__()
        self.tag = tag
        self.out = out

    def receive(self, windowed_value):
        self.out.append((self.tag, windowed_value.value))


class _TaggedReceivers(dict):
    def __init__(self, out: list):
        super().__init__()
        self.out = out

    def __missing__(self, tag):
        receiver = self[tag] = _Collect(tag, self.out)
        return receiver


def _windowed(value) -> WindowedValue:
    return value if isinstance(value, WindowedValue) else WindowedValue(value, 0, _GLOBAL)


def _run_bundle(items, spec: '_ParDoSpec', *side_values) -> list:
    """One Dask partition through one DoFn: set-up, bundle, teardown; ``(tag, value)`` out.

    Receivers are made here, per bundle, so no two partitions ever share an output list."""
    from apache_beam.runners.common import DoFnContext, DoFnInvoker, DoFnSignature, _OutputHandler
    from apache_beam.transforms.sideinputs import SideInputMap
    out: list = []
    receivers = _TaggedReceivers(out)
    handler = _OutputHandler(
        window_fn=GlobalWindows(), main_receivers=receivers[None], tagged_receivers=receivers,
        per_element_output_counter=None, output_batch_converter=None,
        process_yields_batches=False, process_batch_yields_elements=False)
    side_inputs = [SideInputMap(view_class, options, [_windowed(v) for v in values])
                   for (view_class, options), values in zip(spec.side_views, side_values)]
    invoker = DoFnInvoker.create_invoker(
        DoFnSignature(spec.fn), handler, context=DoFnContext(spec.label, state=None),
        side_inputs=side_inputs, input_args=list(spec.args), input_kwargs=dict(spec.kwargs),
        user_state_context=None, bundle_finalizer_param=core.DoFn.BundleFinalizerParam())
    invoker.invoke_setup()
    try:
        invoker.invoke_start_bundle()
        for item in items:
            invoker.invoke_process(_windowed(item))
        invoker.invoke_finish_bundle()
    finally:
        invoker.invoke_teardown()
    return out


@dataclasses.dataclass(frozen=True)
class _ParDoSpec:
    """What a task needs to run a ParDo: the DoFn, its arguments and side-input views."""
    label: str
    fn: core.DoFn
    args: tuple
    kwargs: dict
    side_views: tuple   # (view class, view options) per side input, in the DoFn's order


def _select(tag):
    def select(pairs):
        return [value for got, value in pairs if got == tag]
    return select


def _concat(parts) -> list:
    return [value for part in parts for value in part]


def _discard(part) -> list:
    for _ in part:
        pass
    return []


def _is_identity(transform) -> bool:
    from apache_beam.runners.dask.overrides import _GroupAlsoByWindow, _Reshuffle
    # _GroupAlsoByWindow: the Dask GroupByKey already groups per key (one global window);
    # _Reshuffle: Dask places partitions itself
    # WindowInto the global window: every element already is in it
    return (isinstance(transform, (_Reshuffle, _GroupAlsoByWindow))
            or (isinstance(transform, core.WindowInto)
                and isinstance(transform.windowing.windowfn, GlobalWindows)))


class _Translator(PipelineVisitor):
    """Builds one Dask bag per primitive transform; ``leaves()`` are the bags nobody reads."""

    def __init__(self, bag_kwargs: dict | None = None):
        self.bag_kwargs = dict(bag_kwargs or {})
        self.bags: dict[AppliedPTransform, t.Any] = {}
        self.tagged: set[AppliedPTransform] = set()   # whose bag holds (tag, value) pairs
        self.read: set[AppliedPTransform] = set()

    def _input(self, pcoll: pvalue.PCollection):
        producer = pcoll.producer
        if producer not in self.bags:
            raise NotImplementedError(f'DaskRunner: {pcoll} is read before it is produced')
        self.read.add(producer)
        bag = self.bags[producer]
        if producer in self.tagged:
            bag = bag.map_partitions(_select(pcoll.tag),
                                     token=f'select-{pcoll.tag}-{uuid.uuid4().hex}')
        return bag

    def _side_input(self, side):
        import dask
        bag = self._input(side.pvalue)
        return dask.delayed(_concat, pure=False)(bag.to_delayed(optimize_graph=False))

    def visit_transform(self, node: AppliedPTransform) -> None:
        from apache_beam.runners.dask import transform_evaluator as te
        from apache_beam.runners.dask.overrides import _Create, _Flatten, _GroupByKeyOnly
        transform = node.transform
        mains = [i for i in node.inputs if not isinstance(i, pvalue.PBegin)]
        if isinstance(transform, _Create):
            self.bags[node] = te.Create(node, bag_kwargs=self.bag_kwargs).apply(None)
        elif isinstance(transform, _Flatten):
            self.bags[node] = te.Flatten(node).apply([self._input(p) for p in mains])
        elif isinstance(transform, _GroupByKeyOnly):
            self.bags[node] = te.GroupByKey(node).apply(self._input(mains[0]))
        elif _is_identity(transform):
            self.bags[node] = self._input(mains[0])
        elif type(transform) is core.ParDo:
            self._pardo(node, mains[0])
        elif isinstance(transform, core.WindowInto):
            raise NotImplementedError(
                f'DaskRunner: {node.full_label}: only the global window is supported on Dask, '
                f'not {type(transform.windowing.windowfn).__name__}')
        else:
            raise NotImplementedError(
                f'DaskRunner: {node.full_label} ({type(transform).__name__}) is not supported '
                f'by newsbeam\'s Dask translation')

    def _pardo(self, node: AppliedPTransform, main: pvalue.PCollection) -> None:
        transform = node.transform
        if userstate.is_stateful_dofn(transform.fn):
            raise NotImplementedError(f'DaskRunner: {node.full_label}: user state and timers '
                                      f'are not supported on Dask')
        windowfn = main.windowing.windowfn
        if not isinstance(windowfn, GlobalWindows):
            raise NotImplementedError(f'DaskRunner: {node.full_label}: only the global window '
                                      f'is supported on Dask, not {type(windowfn).__name__}')
        spec = _ParDoSpec(label=node.full_label, fn=transform.fn, args=tuple(transform.args),
                          kwargs=dict(transform.kwargs),
                          side_views=tuple((type(si), si._view_options())
                                           for si in node.side_inputs))
        sides = [self._side_input(si) for si in node.side_inputs]
        self.bags[node] = self._input(main).map_partitions(
            _run_bundle, spec, *sides, token=f'{node.full_label}-{uuid.uuid4().hex}')
        self.tagged.add(node)

    def leaves(self) -> list:
        """Every bag that no other transform reads, emptied (their values stay on the workers)."""
        return [bag.map_partitions(_discard, token=f'done-{uuid.uuid4().hex}')
                for node, bag in self.bags.items() if node not in self.read]


def translate(pipeline, bag_kwargs: dict | None = None) -> list:
    """``pipeline`` (after Dask's overrides) as the Dask bags to compute, without running it."""
    from apache_beam.runners.dask.overrides import dask_overrides
    pipeline.replace_all(dask_overrides())
    translator = _Translator(bag_kwargs)
    pipeline.visit(translator)
    return translator.leaves()


@dataclasses.dataclass
class _Result(DaskRunnerResult):
    """Beam's result, which also closes the client (and a cluster it started) when done."""

    def wait_until_finish(self, duration=None) -> str:
        try:
            return super().wait_until_finish(duration)
        finally:
            self.client.close()


class DaskRunner(BeamDaskRunner):
    """Executes a batch pipeline on a ``dask.distributed`` client (``--dask_client_address``,
    else a local cluster)."""

    def run_pipeline(self, pipeline, options):
        import dask.distributed as ddist
        level = runner_log_level()
        # the scheduler and nannies of a local cluster run in this process and log at INFO
        logging.getLogger('distributed').setLevel(level)
        dask_options = options.view_as(DaskOptions).get_all_options(
            drop_default=True, current_only=True)
        bag_kwargs = DaskOptions._extract_bag_kwargs(dask_options)
        client = ddist.Client(**dask_options)
        try:
            # before any task imports Beam there (which would set up logging its own way);
            # pipeline.worker imports no Beam
            client.run(configure_worker_logging, level)
            leaves = translate(pipeline, bag_kwargs)
            futures = client.compute(leaves, optimize_graph=False)
        except BaseException:
            client.close()
            raise
        return _Result(client, futures)
