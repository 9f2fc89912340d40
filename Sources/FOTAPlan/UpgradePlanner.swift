import FOTAAggregate
import FOTANormalise
import ThingSpaceAPI

/// Finds each device's way through its model's upgrade paths.
///
/// The firmware list is a graph per make and model: an edge per entry, `fromVersion` →
/// `toVersion`. From a device's firmware the planner searches breadth-first, so cycles end the
/// search instead of looping. The newest reachable version is the farthest reachable version with
/// no path on from it (when every reachable version has one — a cycle — the farthest reachable
/// version); ties go to the later `launchDate`, then the greater name. At a fork the next hop is the
/// first step of the shortest way to that newest version.
public struct UpgradePlanner: Sendable {
  private struct Edge: Sendable, Hashable {
    var to: String
    var firmwareName: String
    var launchDate: String
  }

  /// What the firmware list says of one model's firmware.
  public enum Lookup: Sendable, Hashable {
    case unknownFirmware
    case upToDate
    case path(FirmwarePath)
  }

  private var graph: [ModelKey: [String: [Edge]]] = [:]
  private var known: [ModelKey: Set<String>] = [:]
  private var cache: [ModelKey: [String: Lookup]] = [:]

  /// Builds the graphs of a firmware list.
  public init(firmware: [FirmwareEntry]) {
    for entry in firmware where !entry.fromVersion.isEmpty && !entry.toVersion.isEmpty {
      let model = ModelKey(make: entry.make, model: entry.model)
      graph[model, default: [:]][entry.fromVersion, default: []].append(
        Edge(to: entry.toVersion, firmwareName: entry.firmwareName, launchDate: entry.launchDate ?? ""))
      known[model, default: []].formUnion([entry.fromVersion, entry.toVersion])
    }
    for (model, edges) in graph {
      graph[model] = edges.mapValues { $0.sorted { ($0.to, $0.firmwareName) < ($1.to, $1.firmwareName) } }
    }
    for model in graph.keys {
      for version in known[model] ?? [] {
        cache[model, default: [:]][version] = search(model: model, from: version)
      }
    }
  }

  /// The plan of the model's firmware.
  public func lookup(make: String, model: String, firmware: String) -> Lookup {
    cache[ModelKey(make: make, model: model)]?[firmware] ?? .unknownFirmware
  }

  /// The plan of one device.
  public func plan(_ device: Device) -> DevicePlan {
    switch lookup(make: device.make, model: device.model, firmware: device.firmware) {
    case .unknownFirmware: DevicePlan(status: .noUpgradePath, path: nil)
    case .upToDate: DevicePlan(status: .upToDate, path: nil)
    case .path(let path):
      DevicePlan(
        status: !device.fotaEligible ? .ineligible : device.licenseAssigned ? .ready : .needsLicense,
        path: path)
    }
  }

  private func search(model: ModelKey, from start: String) -> Lookup {
    let edges = graph[model] ?? [:]
    guard let first = edges[start], !first.isEmpty else { return .upToDate }
    var distance: [String: Int] = [start: 0]
    var arrival: [String: Edge] = [:]
    var parent: [String: String] = [:]
    var queue = [start]
    var head = 0
    while head < queue.count {
      let node = queue[head]
      head += 1
      for edge in edges[node] ?? [] where distance[edge.to] == nil {
        distance[edge.to] = distance[node]! + 1
        arrival[edge.to] = edge
        parent[edge.to] = node
        queue.append(edge.to)
      }
    }
    let reachable = queue.dropFirst()
    let sinks = reachable.filter { (edges[$0] ?? []).isEmpty }
    let candidates = sinks.isEmpty ? Array(reachable) : sinks
    guard
      let newest = candidates.max(by: {
        (distance[$0]!, arrival[$0]!.launchDate, $0) < (distance[$1]!, arrival[$1]!.launchDate, $1)
      })
    else { return .upToDate }
    var step = newest
    while parent[step] != start { step = parent[step]! }
    return .path(
      FirmwarePath(
        nextFirmware: step, firmwareName: arrival[step]!.firmwareName, newestFirmware: newest,
        hops: distance[newest]!))
  }
}
