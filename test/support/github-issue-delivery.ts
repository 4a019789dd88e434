/**
 * An `issues` webhook delivery as GitHub sends it: every field GitHub's webhooks spec
 * (`webhook-issues-opened`, `webhook-issues-closed` in ../shared/corpus/dev/github-webhooks.json)
 * requires, with the values of GitHub's documentation examples (octocat, Hello-World, issue 1347).
 * A generated validator checks deliveries against that spec, so a sample missing `sender` or the
 * issue's urls is refused as a real server would refuse a forged one.
 */

const api = 'https://api.github.com';

function githubUser(login: string, id: number): Record<string, unknown> {
  const url = `${api}/users/${login}`;
  return {
    login,
    id,
    node_id: 'MDQ6VXNlcjE=',
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url,
    html_url: `https://github.com/${login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: 'User',
    site_admin: false,
  };
}

function repository(): Record<string, unknown> {
  const url = `${api}/repos/octocat/Hello-World`;
  return {
    id: 1296269,
    node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5',
    name: 'Hello-World',
    full_name: 'octocat/Hello-World',
    private: false,
    owner: githubUser('octocat', 1),
    html_url: 'https://github.com/octocat/Hello-World',
    description: 'This your first repo!',
    fork: false,
    url,
    archive_url: `${url}/{archive_format}{/ref}`,
    assignees_url: `${url}/assignees{/user}`,
    blobs_url: `${url}/git/blobs{/sha}`,
    branches_url: `${url}/branches{/branch}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    comments_url: `${url}/comments{/number}`,
    commits_url: `${url}/commits{/sha}`,
    compare_url: `${url}/compare/{base}...{head}`,
    contents_url: `${url}/contents/{+path}`,
    contributors_url: `${url}/contributors`,
    deployments_url: `${url}/deployments`,
    downloads_url: `${url}/downloads`,
    events_url: `${url}/events`,
    forks_url: `${url}/forks`,
    git_commits_url: `${url}/git/commits{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_url: 'git://github.com/octocat/Hello-World.git',
    hooks_url: `${url}/hooks`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    issue_events_url: `${url}/issues/events{/number}`,
    issues_url: `${url}/issues{/number}`,
    keys_url: `${url}/keys{/key_id}`,
    labels_url: `${url}/labels{/name}`,
    languages_url: `${url}/languages`,
    merges_url: `${url}/merges`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    pulls_url: `${url}/pulls{/number}`,
    releases_url: `${url}/releases{/id}`,
    ssh_url: 'git@github.com:octocat/Hello-World.git',
    stargazers_url: `${url}/stargazers`,
    statuses_url: `${url}/statuses/{sha}`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    tags_url: `${url}/tags`,
    teams_url: `${url}/teams`,
    trees_url: `${url}/git/trees{/sha}`,
    clone_url: 'https://github.com/octocat/Hello-World.git',
    mirror_url: null,
    svn_url: 'https://svn.github.com/octocat/Hello-World',
    homepage: 'https://github.com',
    language: null,
    forks: 9,
    forks_count: 9,
    stargazers_count: 80,
    watchers: 80,
    watchers_count: 80,
    size: 108,
    default_branch: 'master',
    open_issues: 1,
    open_issues_count: 1,
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    archived: false,
    disabled: false,
    license: null,
    pushed_at: '2026-12-04T18:06:43Z',
    created_at: '2011-01-26T19:01:12Z',
    updated_at: '2026-12-04T18:14:43Z',
  };
}

function issue(state: 'open' | 'closed'): Record<string, unknown> {
  const url = `${api}/repos/octocat/Hello-World/issues/1347`;
  return {
    url,
    repository_url: `${api}/repos/octocat/Hello-World`,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: 'https://github.com/octocat/Hello-World/issues/1347',
    id: 1,
    node_id: 'MDU6SXNzdWUx',
    number: 1347,
    title: 'Found a bug',
    user: githubUser('octocat', 1),
    labels: [],
    state,
    locked: false,
    assignee: null,
    assignees: [],
    milestone: null,
    comments: 0,
    created_at: '2026-12-04T19:00:00Z',
    updated_at: '2026-12-04T19:00:00Z',
    closed_at: state === 'closed' ? '2026-12-04T19:30:00Z' : null,
    author_association: 'OWNER',
    active_lock_reason: null,
    body: "I'm having a problem with this.",
    reactions: {
      url: `${url}/reactions`,
      total_count: 0,
      '+1': 0,
      '-1': 0,
      laugh: 0,
      hooray: 0,
      confused: 0,
      heart: 0,
      rocket: 0,
      eyes: 0,
    },
  };
}

/** The body of an `issues` delivery (header `x-github-event: issues`) for `opened` or `closed`. */
export function issuesDelivery(action: 'opened' | 'closed'): Record<string, unknown> {
  return {
    action,
    issue: issue(action === 'opened' ? 'open' : 'closed'),
    repository: repository(),
    sender: githubUser('octocat', 1),
  };
}
