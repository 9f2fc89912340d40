import FOTAModel
import FOTANightDevices

/// Tonight's devices merged, in IMEI order, with the previous night's ``DeviceIndex``: which were
/// added, removed or changed (by digest), and tonight's index. Fed from the spool after
/// collecting, or by a ``HistoryFeed`` while collecting; only the devices it names are read from
/// the `device` table afterwards.
struct DeviceIndexMerge {
  /// A difference from the previous night, in IMEI order.
  enum Event: Sendable {
    /// Tonight's next device in ``devices`` is new.
    case added
    /// Tonight's next device in ``devices`` has another digest than last night's.
    case changed
    /// Last night's device with this id is gone.
    case removed(UInt64)
  }

  private var previous: DeviceIndex.Reader
  private var next: (id: UInt64, digest: UInt64)?
  /// The differences, in IMEI order.
  private(set) var events: [Event] = []
  /// Tonight's devices the ``Event/added`` and ``Event/changed`` events name, in their order.
  private(set) var devices = CompactDevices()
  /// Tonight's index.
  private(set) var tonight = DeviceIndex()
  /// False once a device could not be indexed or the previous index did not read back: the
  /// night is then compared another way.
  private(set) var usable = true
  private var finished = false

  /// Starts merging with `previous`, last night's index.
  init(previous: DeviceIndex.Reader) throws {
    self.previous = previous
    next = try self.previous.next()
  }

  /// Takes tonight's next device.
  mutating func take(_ device: Device) throws {
    guard let id = DeviceID.number(device.deviceId) else { return giveUp() }
    try take(device, id: id, digest: DeviceIndex.digest(device))
  }

  /// Takes tonight's next device, its id and digest already known; `device` is read only when
  /// it is added or changed.
  mutating func take(_ device: @autoclosure () -> Device, id: UInt64, digest: UInt64) throws {
    guard usable, !finished, tonight.append(id: id, digest: digest) else { return giveUp() }
    while let gone = next, gone.id < id {
      events.append(.removed(gone.id))
      next = try previous.next()
    }
    if let both = next, both.id == id {
      if both.digest != digest {
        events.append(.changed)
        devices.append(device())
      }
      next = try previous.next()
    } else {
      events.append(.added)
      devices.append(device())
    }
  }

  /// Stops merging: the night is compared another way.
  mutating func giveUp() {
    usable = false
    events = []
    devices = CompactDevices()
    tonight = DeviceIndex()
  }

  /// Ends the merge: last night's devices after tonight's last are gone.
  mutating func finish() throws {
    guard usable, !finished else { return }
    finished = true
    while let gone = next {
      events.append(.removed(gone.id))
      next = try previous.next()
    }
    if previous.failed { giveUp() }
  }
}
