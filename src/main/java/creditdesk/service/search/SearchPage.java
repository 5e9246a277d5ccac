package creditdesk.service.search;

import java.util.List;

/** One page of user search results, best matches first. */
public record SearchPage(String query, int page, List<UserSummary> users, boolean hasMore) {
  public static SearchPage empty(String query) {
    return new SearchPage(query, 0, List.of(), false);
  }
}
