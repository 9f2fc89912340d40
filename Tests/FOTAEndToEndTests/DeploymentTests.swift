import FOTASimulator
import FOTATestSupport
import Foundation
import Testing

/// `deploy/`: the command lines the systemd units and the Kubernetes CronJob run are accepted by
/// `fota-report run --config --check-config`, with the files they are given.
@Suite("deployment files")
struct DeploymentTests {
  static let deploy = RepositoryPaths.root.appendingPathComponent("deploy")

  /// Every document of `files` under `deploy/kubernetes/`, read by PyYAML.
  static func kubernetes(_ files: [String]) async throws -> [[String: Any]] {
    let paths = files.map { deploy.appendingPathComponent("kubernetes/\($0)").path }
    let data = try await TestPython.output("read_yaml.py", paths)
    return try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
  }

  @Test("the CronJob runs fota-report run --config on its ConfigMap, with its Secret's credentials files")
  func cronJob() async throws {
    let documents = try await Self.kubernetes(["cronjob.yaml", "configmap.yaml", "secret.yaml"])
    func document(_ kind: String, _ name: String) -> [String: Any]? {
      documents.first {
        $0["kind"] as? String == kind && ($0["metadata"] as? [String: Any])?["name"] as? String == name
      }
    }
    let cronJob = try #require(documents.first { $0["kind"] as? String == "CronJob" })
    let spec = try #require(cronJob["spec"] as? [String: Any])
    #expect(spec["concurrencyPolicy"] as? String == "Forbid")
    let job = try #require((spec["jobTemplate"] as? [String: Any])?["spec"] as? [String: Any])
    #expect(job["backoffLimit"] as? Int == 0, "a refused login must not be retried by Kubernetes")
    let pod = try #require((job["template"] as? [String: Any])?["spec"] as? [String: Any])
    let container = try #require((pod["containers"] as? [[String: Any]])?.first)
    let command = (container["command"] as? [String] ?? []) + (container["args"] as? [String] ?? [])
    #expect(command.first?.hasSuffix("/fota-report") == true)
    let configIndex = try #require(command.firstIndex(of: "--config"))
    #expect(command[1] == "run")
    let configPath = command[configIndex + 1]

    // Where each mounted path comes from.
    let volumes = Dictionary(
      uniqueKeysWithValues: (pod["volumes"] as? [[String: Any]] ?? []).map { ($0["name"] as! String, $0) })
    let mounts = container["volumeMounts"] as? [[String: Any]] ?? []
    let configMount = try #require(mounts.first { $0["mountPath"] as? String == configPath })
    let configMapName = try #require(
      (volumes[configMount["name"] as! String]?["configMap"] as? [String: Any])?["name"] as? String)
    let configMap = try #require(document("ConfigMap", configMapName))
    let toml = try #require((configMap["data"] as? [String: String])?[configMount["subPath"] as! String])

    // The credentials folder is filled from the Secret by the init container.
    let credentialsMount = try #require(
      mounts.first { $0["mountPath"] as? String == "/etc/fota-report/credentials" })
    let initContainer = try #require((pod["initContainers"] as? [[String: Any]])?.first)
    let initMounts = initContainer["volumeMounts"] as? [[String: Any]] ?? []
    #expect(initMounts.contains { $0["name"] as? String == credentialsMount["name"] as? String })
    let secretMount = try #require(initMounts.first { volumes[$0["name"] as! String]?["secret"] != nil })
    let secretName = try #require(
      (volumes[secretMount["name"] as! String]?["secret"] as? [String: Any])?["secretName"] as? String)
    let secret = try #require(document("Secret", secretName))
    let files = try #require(secret["stringData"] as? [String: String])
    #expect((initContainer["command"] as? [String])?.last?.contains("install -m 600") == true)

    // The pod's paths, here.
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let credentials = directory.path("credentials")
    try FileManager.default.createDirectory(at: credentials, withIntermediateDirectories: true)
    for (name, text) in files {
      #expect(
        FileManager.default.createFile(
          atPath: credentials.appendingPathComponent(name).path, contents: Data(text.utf8),
          attributes: [.posixPermissions: 0o600]))
    }
    let config = directory.path("fota-report.toml")
    try toml.replacingOccurrences(of: "/etc/fota-report/credentials/", with: credentials.path + "/")
      .replacingOccurrences(of: "\"/reports/", with: "\"\(directory.url.path)/reports/")
      .write(to: config, atomically: true, encoding: .utf8)
    // The command without the executable, its config file here.
    var arguments = Array(command.dropFirst())
    arguments[configIndex] = config.path
    let result = try await BinaryRunner(environment: BinaryRunner.environment(adding: ["PGPASSWORD": "x"]))
      .run(
        arguments + ["--check-config"])
    #expect(result.exitCode == 0, "\(result.standardError)")
    let lines = result.standardOutput.split(separator: "\n").map(String.init)
    #expect(
      lines.filter { $0.contains("credentials from \(credentials.path)/") }.count == files.count, "\(lines)")
    #expect(lines.allSatisfy { !$0.contains("PGPASSWORD") && !$0.contains("replace-me") })
    #expect(lines.last?.hasPrefix("roll-up: ") == true)
  }

  @Test("the fleet's systemd service runs the example config, which --check-config accepts")
  func systemd() async throws {
    let service = try String(
      contentsOf: Self.deploy.appendingPathComponent("fota-report-fleet.service"), encoding: .utf8)
    let exec = try #require(service.split(separator: "\n").first { $0.hasPrefix("ExecStart=") })
    let command = exec.dropFirst("ExecStart=".count).split(separator: " ").map(String.init)
    #expect(command.first == "/opt/fota-report/bin/fota-report")
    #expect(Array(command.dropFirst()) == ["run", "--config", "/etc/fota-report/fota-report.toml"])
    let template = try String(
      contentsOf: Self.deploy.appendingPathComponent("fota-report@.service"), encoding: .utf8)
    #expect(
      template.contains("ExecStart=/opt/fota-report/bin/fota-report run --config /etc/fota-report/%i.toml"))

    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let root = directory.url.path
    let example = try String(
      contentsOf: Self.deploy.appendingPathComponent("fota-report.toml"), encoding: .utf8)
    let config = directory.path("fota-report.toml")
    try example.replacingOccurrences(of: "\"/", with: "\"\(root)/").write(
      to: config, atomically: true, encoding: .utf8)
    try FileManager.default.createDirectory(
      at: directory.path("etc/fota-report"), withIntermediateDirectories: true)
    #expect(
      FileManager.default.createFile(
        atPath: directory.path("etc/fota-report/0242078698-00002.env").path,
        contents: Data("THINGSPACE_BEARER_TOKEN=t\nTHINGSPACE_SESSION_TOKEN=s\n".utf8),
        attributes: [.posixPermissions: 0o600]))
    let result = try await BinaryRunner(
      environment: BinaryRunner.environment(adding: SimulatorLauncher.loginEnvironment())
    )
    .run(["run", "--config", config.path, "--check-config"])
    #expect(result.exitCode == 0, "\(result.standardError)")
    #expect(result.standardOutput.split(separator: "\n").count == 3)
  }
}
