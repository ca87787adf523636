import Foundation
import LuaRuntime
import Testing
@testable import PolicyEngine
import SalesDomain

/// editor/signoff.d.lua (for the Lua Language Server) must describe exactly what scripts get:
/// every field the host hands over is declared, and every declared field is really handed over.
struct EditorDefinitionsTests {
    struct Definitions {
        var fields: [String: [String: Bool]] = [:]  // class → field → optional
        var functions: Set<String> = []
    }

    static func definitions() throws -> Definitions {
        let text = try String(contentsOf: Fixtures.packageRoot.appendingPathComponent("editor/signoff.d.lua"), encoding: .utf8)
        var result = Definitions()
        var current: String?
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("---@class ") {
                current = String(line.dropFirst("---@class ".count).split(separator: " ")[0])
                result.fields[current!, default: [:]] = [:]
            } else if line.hasPrefix("---@field "), let cls = current {
                var name = String(line.dropFirst("---@field ".count).split(separator: " ")[0])
                let optional = name.hasSuffix("?")
                if optional { name.removeLast() }
                result.fields[cls, default: [:]][name] = optional
            } else if line.hasPrefix("function "), !line.contains(":") {
                result.functions.insert(String(line.dropFirst("function ".count).prefix { $0 != "(" }))
            } else if !line.hasPrefix("---") {
                current = nil
            }
        }
        return result
    }

    /// Walks a Lua view of a request, recording the keys seen per class.
    static func collect(_ value: LuaValue, as cls: String, into seen: inout [String: [Set<String>]]) {
        guard case .table(let table) = value else { return }
        var keys = Set<String>()
        for (key, child) in table.fields {
            guard case .string(let name) = key else { continue }
            keys.insert(name)
            let childClass: String? = switch (cls, name) {
            case ("Request", "submitted_by"): "User"
            case ("Request", "customer"): "Customer"
            case ("Request", "document"), ("Reference", "document"): "Document"
            case ("Request", "quote"), ("Request", "contract"), ("Request", "tender"): "Reference"
            case ("Line", "product"): "Product"
            default: nil
            }
            if let childClass { collect(child, as: childClass, into: &seen) }
            if case .table(let list) = child, cls == "Document" {
                for item in list.array { collect(item, as: name == "lines" ? "Line" : "PlannedVisit", into: &seen) }
            }
        }
        seen[cls, default: []].append(keys)
    }

    @Test func fieldsMatchWhatTheHostHandsOver() throws {
        let definitions = try Self.definitions()
        var seen: [String: [Set<String>]] = [:]
        for testCase in ShippedPolicyTests.cases {
            let resolved = try testCase.context.resolve(testCase.request)
            Self.collect(try PolicyEngine.requestView(resolved), as: "Request", into: &seen)
        }
        for (cls, instances) in seen {
            let declared = try #require(definitions.fields[cls], "class \(cls) is not declared")
            let union = instances.reduce(into: Set<String>()) { $0.formUnion($1) }
            for field in union.sorted() {
                #expect(declared[field] != nil, "\(cls).\(field) is handed to scripts but not declared")
            }
            for (field, optional) in declared {
                #expect(union.contains(field) || optional, "\(cls).\(field) is declared but never handed over")
                if !optional {
                    #expect(instances.allSatisfy { $0.contains(field) }, "\(cls).\(field) is declared required but sometimes absent")
                }
            }
        }
        #expect(Set(seen.keys) == ["Request", "User", "Customer", "Document", "Reference", "Line", "Product", "PlannedVisit"])
    }

    @Test func helpersMatchTheDriver() throws {
        let lua = try LuaState()
        let driver = try lua.compile(String(decoding: PackageResources.driver_lua, as: UTF8.self), chunkName: "driver.lua")
        // `__signoff_decide` is the host's entry point, not a helper for scripts
        let defined = Set(try LuaBytecode(lua.bytecode(of: driver)).globals.filter(\.isWrite).map(\.name))
            .filter { !$0.hasPrefix("__") }
        let declared = try Self.definitions().functions.subtracting(["money", "is_money", "caller_location"])
        #expect(defined == declared)
    }
}
