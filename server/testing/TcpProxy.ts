/**
 * A loopback TCP forwarder standing in for a load balancer in front of several instances:
 * clients keep one address while the test points new connections at another backend.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net'

/** Forwards every new connection to the current target port. */
export class TcpProxy {
  /** Port new connections are forwarded to; change it to fail over. */
  target: number
  private readonly server: Server
  private readonly sockets = new Set<Socket>()

  private constructor(target: number) {
    this.target = target
    this.server = createServer((client) => this.forward(client))
  }

  /** Starts a proxy on a free loopback port. */
  static async start(target: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(target)
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve))
    return proxy
  }

  /** The port clients connect to. */
  get port(): number {
    const address = this.server.address()
    return typeof address === 'object' && address ? address.port : 0
  }

  /** Stops listening and drops every forwarded connection. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private forward(client: Socket): void {
    const upstream = createConnection({ host: '127.0.0.1', port: this.target })
    for (const socket of [client, upstream]) {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
      // A dead backend resets the connection; the client sees it closed and reconnects.
      socket.on('error', () => {
        client.destroy()
        upstream.destroy()
      })
    }
    client.pipe(upstream)
    upstream.pipe(client)
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  }
}
