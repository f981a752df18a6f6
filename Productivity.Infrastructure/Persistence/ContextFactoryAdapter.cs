using Microsoft.EntityFrameworkCore;

namespace Productivity.Infrastructure.Persistence;

/// <summary>Exposes the provider's context factory as the factory of the base context that services use.</summary>
internal sealed class ContextFactoryAdapter<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<ProductivityDbContext>
    where TContext : ProductivityDbContext
{
    public ProductivityDbContext CreateDbContext() => inner.CreateDbContext();
}
