// swift-tools-version:6.0
import PackageDescription

// Layering (each module knows only the ones listed above it):
//   CLua, CLuaShim      Lua 5.4 from the system, and the C half of the runtime (protected calls)
//   Money               exact yuan amounts
//   LuaRuntime          the safe Swift face of Lua: sandbox, limits, values, errors
//   SalesDomain         requests, documents, master data, decisions
//   Workload            seeded realistic requests, for benchmarks and tests
//   PolicyEngine        loads rules/, evaluates a request, explains the decision
//   ApprovalStore       cases, sign-offs, audit log, master data (SQLite)
//   SignoffCLI          the commands; `signoff` is a thin executable on top
let package = Package(
    name: "signoff",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "signoff", targets: ["signoff"]),
        .executable(name: "signoff-bench", targets: ["signoff-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLua",
            pkgConfig: "lua5.4",
            providers: [.apt(["liblua5.4-dev"])]
        ),
        .target(name: "CLuaShim", dependencies: ["CLua"]),
        .target(name: "Money"),
        .target(
            name: "LuaRuntime",
            dependencies: ["CLua", "CLuaShim", "Money"],
            // The value encoder mutates one sink object per value; dynamic exclusivity checks on
            // it cost more than the encoding itself (static checks still apply).
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"])]
        ),
        .target(
            name: "SalesDomain",
            dependencies: ["Money", "Yams", .product(name: "CSV", package: "CSV.swift")]
        ),
        .target(name: "Workload", dependencies: ["SalesDomain", "Money"]),
        .target(
            name: "PolicyEngine",
            dependencies: [
                "LuaRuntime", "SalesDomain", "Money", "Yams",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.embedInCode("Lua/driver.lua")]
        ),
        .target(
            name: "ApprovalStore",
            dependencies: [
                "PolicyEngine", "SalesDomain", "Money",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "SignoffCLI",
            dependencies: [
                "ApprovalStore", "PolicyEngine", "SalesDomain", "Money", "LuaRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "signoff", dependencies: ["SignoffCLI"]),
        .executableTarget(
            name: "signoff-bench",
            dependencies: [
                "LuaRuntime", "Money", "PolicyEngine", "SalesDomain", "Workload", "ApprovalStore",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "MoneyTests", dependencies: ["Money"]),
        .testTarget(name: "LuaRuntimeTests", dependencies: ["LuaRuntime", "Money"]),
        .testTarget(name: "SalesDomainTests", dependencies: ["SalesDomain", "Money"]),
        .testTarget(
            name: "PolicyEngineTests",
            dependencies: ["PolicyEngine", "SalesDomain", "Money", "LuaRuntime", "Workload",
                           .product(name: "Crypto", package: "swift-crypto")]
        ),
        .testTarget(
            name: "ApprovalStoreTests",
            dependencies: [
                "ApprovalStore", "PolicyEngine", "SalesDomain", "Money",
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(name: "SignoffCLITests", dependencies: ["SignoffCLI"]),
    ]
)
