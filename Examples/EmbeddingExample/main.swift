// The README's embedding example: a host Hummingbird application that adds
// the TomeSync resolve routes to its own router, behind its own
// authentication. Built by `swift build` so that it keeps compiling.
import Hummingbird
import TomeCatalog
import TomeResolver
import TomeServer

/// The host's own authentication (here: a fixed header, for the example).
struct HostAuthMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.headers[.authorization] == "Bearer host-session-token" else { throw HTTPError(.unauthorized) }
        return try await next(request, context)
    }
}

// The service starts as `tome-resolve serve` does (catalog check, warnings,
// a followed library's first sync); the host authenticates by itself.
var configuration = ResolveServiceConfiguration(catalogPath: CommandLine.arguments.dropFirst().first ?? "library.sqlite")
configuration.createsFirstKey = false
let service = try ResolveService.start(configuration)
let router = Router()
router.get("/") { _, _ in "The host application's own routes live here." }

// The resolve routes, behind the host's authentication.
let tomeSync = router.group().add(middleware: HostAuthMiddleware())
TomeSyncRoutes<BasicRequestContext>(resolver: TomeResolver.Resolver(catalog: service.catalog), authentication: .none)
    .add(to: tomeSync)

let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 8090)))
try await app.runService()
