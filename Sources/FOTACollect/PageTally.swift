import FOTAModel
import FOTANightDevices
import FOTAPlan

/// What the ordered steps of a collection count and check, page by page: the figures, the
/// sequence check, the aggregation with its de-duplication, the data problems and the plan.
///
/// A night collected in ranges keeps one tally a range, each counting its own pages from 1, and
/// appends them in IMEI order (``append(_:)``): the ranges hold disjoint stretches of the IMEI
/// order, so the result is the tally of one walk over the same pages.
struct PageTally: Sendable {
  var figures: RunFigures
  var check: PageSequenceCheck
  /// The range of the last page taken, when the night is collected in ranges.
  var segment: PageSegment?
  var aggregator: FleetAggregator
  var diagnostics = Diagnostics()
  /// The fleet's plan so far, when planning.
  var plan: UpgradePlan?

  /// Adds the tally of the next range, whose page numbers then follow this one's.
  mutating func append(_ later: PageTally) {
    diagnostics.merge(later.diagnostics, pagesBefore: figures.pages)
    figures.pages += later.figures.pages
    figures.records += later.figures.records
    figures.skipped += later.figures.skipped
    figures.filteredOut += later.figures.filteredOut
    aggregator.merge(later.aggregator)
    if let laterPlan = later.plan { plan?.merge(laterPlan) }
    if later.segment != nil {
      check = later.check
      segment = later.segment
    }
  }

  /// This tally's start, for a range collected on its own.
  var emptied: PageTally {
    PageTally(
      figures: RunFigures(
        account: figures.account, asOf: figures.asOf, source: figures.source,
        clientTypeFilter: figures.clientTypeFilter),
      check: check, aggregator: FleetAggregator(asOf: figures.asOf),
      plan: plan?.emptied)
  }
}
