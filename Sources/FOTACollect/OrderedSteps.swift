import FOTAModel
import FOTANightDevices
import FOTAPlan
import Foundation

/// The steps that take a collection's pages one by one, in collection order: the sequence
/// checks, de-duplication, counting and planning (the ``PageTally``), then the spool, the sink
/// and the saved pages, or, for a range collected ahead of the ones before it, a ``HeldRange``
/// that keeps its devices until those have been written.
struct OrderedSteps {
  /// Where the pages' devices go.
  enum Output {
    /// The night's spool, sink and saved pages.
    case night(spool: DeviceSpool, sink: (any DeviceSink)?, recorder: PageRecorder?)
    /// Held on disk for the night's outputs.
    case held(HeldRange)
  }

  var tally: PageTally
  let output: Output

  /// Checks, counts and plans the next page, and spools or holds its devices.
  mutating func take(_ page: PreparedPage) throws {
    do {
      if let segment = page.collected.segment, segment.range != tally.segment?.range {
        // A new range of a night collected in ranges: the last one must have ended properly.
        if let ended = tally.segment { try tally.check.finish(endingAfter: ended.through) }
        tally.check = PageSequenceCheck(account: tally.check.account, startingAfter: segment.after)
      }
      tally.segment = page.collected.segment
      try tally.check.accept(
        try page.envelope.get(), entries: page.elements, number: page.collected.number,
        origin: page.collected.origin)
    } catch {
      throw stopped(error)
    }
    if case .night(_, _, let recorder) = output { try recorder?.save(page.collected) }
    tally.figures.pages += 1
    tally.figures.records += page.entries
    tally.figures.skipped += page.skipped
    tally.figures.filteredOut += page.filteredOut
    tally.diagnostics.merge(page.diagnostics)
    let kept = tally.aggregator.add(
      page.records, cells: page.cells, page: page.collected.number, diagnostics: &tally.diagnostics)
    let batch = DeviceBatch(records: page.records, kept: kept, formatted: page.formatted)
    if tally.plan != nil {
      for index in page.records.indices where kept?[index] ?? true {
        guard let plan = page.records[index].plan else { continue }
        let device = page.records[index].device
        tally.plan?.add(device, plan: plan)
        if let last = plan.lastUpgrade, last.isContradicted(byFirmware: device.firmware) {
          tally.diagnostics.record(
            .upgradedFirmwareMismatch, field: "firmware", page: page.collected.number,
            deviceId: device.deviceId,
            value: "\(device.firmware), not \(last.firmwareTo) (\(last.upgradeId))")
        }
      }
    }
    switch output {
    case .night(let spool, let sink, _):
      try spool.append(page.spooled, records: page.records, kept: kept)
      // Once the order breaks, the outputs are written from the sorted spool instead.
      if let sink, spool.isAscending { try sink.write(batch) }
    case .held(let held):
      try held.hold(page.collected, batch: batch, spooled: page.spooled)
    }
  }

  /// Confirms the walk ended where it should have: the last page said there was no more or, for
  /// a range, passed the next range's start.
  func finish() throws(CollectionError) {
    try tally.check.finish(endingAfter: tally.segment?.through)
  }

  /// Appends the next range, collected on its own: its tally, then the devices it held, written
  /// to the night's outputs in order. `tables` are the night's tables the plans refer to.
  mutating func append(_ range: PageTally, held: HeldRange.Contents, tables: PlanTables) throws {
    guard case .night(let spool, let sink, let recorder) = output else { return }
    let pagesBefore = tally.figures.pages
    tally.append(range)
    var pages = held.pages.makeIterator()
    var number = pagesBefore
    try HeldBatches.read(held.batches, tables: tables) { spooled, batch in
      let page = pages.next()
      number += 1
      if let recorder, let page, let body = page.body {
        try recorder.save(
          CollectedPage(
            number: number, origin: page.origin, body: try Data(contentsOf: body), segment: page.segment))
      }
      try spool.append(spooled, records: batch.records, kept: nil)
      if let sink, spool.isAscending { try sink.write(batch) }
    }
  }

  /// The error that stops collection, with how far it got.
  func stopped(_ error: any Error) -> any Error {
    if case CollectionError.stopped = error { return error }
    guard let reason = error as? CollectionError else { return error }
    return CollectionError.stopped(
      pages: tally.figures.pages, devices: tally.figures.records, lastCursor: tally.check.cursor,
      reason: reason)
  }
}
