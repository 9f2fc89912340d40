import FOTAModel
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
    /// The way on: an index into ``paths``.
    case path(Int)
  }

  /// Every distinct way on the firmware list offers; plans refer to them by index.
  public private(set) var paths: [FirmwarePath] = []
  private var graph: [ModelKey: [String: [Edge]]] = [:]
  private var known: [ModelKey: Set<String>] = [:]
  private var cache: [ModelKey: [String: Lookup]] = [:]
  /// The statuses campaigns may schedule.
  public let campaignStatuses: CampaignStatuses
  /// The version each image (`firmwareName`) upgrades from, by the firmware list: an upgrade's hop
  /// is this → its `firmwareTo` (an image listed from several versions: the first by name).
  public private(set) var hopStarts: [String: String] = [:]
  /// Tonight's upgrade reports, when read: what holds a device back from a campaign.
  public let campaigns: CampaignOutcomes?
  /// How many failed upgrades in a row toward the next hop make a device `failing`; 0 never does
  /// (`--retry-failed`).
  public let failuresToHold: Int

  /// Builds the graphs of a firmware list; devices of other statuses than `campaignStatuses`
  /// are planned `inactive`; a device that would be ready is `in-campaign` while an open upgrade
  /// of `campaigns` holds it, and `failing` once its last `failuresToHold` upgrades toward its
  /// next hop failed.
  public init(
    firmware: [FirmwareEntry], campaignStatuses: CampaignStatuses = .default,
    campaigns: CampaignOutcomes? = nil,
    failuresToHold: Int = 2
  ) {
    self.campaignStatuses = campaignStatuses
    self.campaigns = campaigns
    self.failuresToHold = failuresToHold
    for entry in firmware where !entry.fromVersion.isEmpty && !entry.toVersion.isEmpty {
      let model = ModelKey(make: entry.make, model: entry.model)
      graph[model, default: [:]][entry.fromVersion, default: []].append(
        Edge(to: entry.toVersion, firmwareName: entry.firmwareName, launchDate: entry.launchDate ?? ""))
      known[model, default: []].formUnion([entry.fromVersion, entry.toVersion])
      if hopStarts[entry.firmwareName].map({ entry.fromVersion < $0 }) ?? true {
        hopStarts[entry.firmwareName] = entry.fromVersion
      }
    }
    for (model, edges) in graph {
      graph[model] = edges.mapValues { $0.sorted { ($0.to, $0.firmwareName) < ($1.to, $1.firmwareName) } }
    }
    var indexes: [FirmwarePath: Int] = [:]
    for model in graph.keys.sorted() {
      for version in (known[model] ?? []).sorted() {
        guard let path = search(model: model, from: version) else {
          cache[model, default: [:]][version] = .upToDate
          continue
        }
        let index = indexes[path] ?? paths.count
        if index == paths.count {
          indexes[path] = index
          paths.append(path)
        }
        cache[model, default: [:]][version] = .path(index)
      }
    }
  }

  /// The plan of the model's firmware.
  public func lookup(make: String, model: String, firmware: String) -> Lookup {
    cache[ModelKey(make: make, model: model)]?[firmware] ?? .unknownFirmware
  }

  /// The plan of one device.
  public func plan(_ device: Device) -> DevicePlan {
    var plan =
      switch lookup(make: device.make, model: device.model, firmware: device.firmware) {
      case .unknownFirmware: DevicePlan(status: .noUpgradePath, path: nil)
      case .upToDate: DevicePlan(status: .upToDate, path: nil)
      case .path(let index):
        DevicePlan(
          status: campaignStatuses.admit(device.status) ? PlanStatus(onPath: Readiness(device)) : .inactive,
          path: paths[index], pathIndex: index)
      }
    guard let campaigns, let index = campaigns.devices[device.deviceId] else { return plan }
    plan.campaignIndex = index
    plan.lastUpgrade = campaigns.lastUpgrades[index]
    guard plan.status == .ready, let path = plan.path else { return plan }
    if campaigns.isInCampaign(device: index) {
      plan.status = .inCampaign
    } else if campaigns.hasFailed(device: index, toward: path.nextFirmware, times: failuresToHold) {
      plan.status = .failing
    }
    return plan
  }

  /// The way on from `start`, or `nil` when there is none (up to date).
  private func search(model: ModelKey, from start: String) -> FirmwarePath? {
    let edges = graph[model] ?? [:]
    guard let first = edges[start], !first.isEmpty else { return nil }
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
    else { return nil }
    var step = newest
    while parent[step] != start { step = parent[step]! }
    return FirmwarePath(
      nextFirmware: step, firmwareName: arrival[step]!.firmwareName, newestFirmware: newest,
      hops: distance[newest]!)
  }
}
